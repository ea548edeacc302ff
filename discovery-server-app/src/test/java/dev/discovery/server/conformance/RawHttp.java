package dev.discovery.server.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes exact request bytes on a plain socket: for unencoded query strings that
 * {@link java.net.URI} refuses, and for clients that hang up mid-request.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Opens a connection to the server and writes {@code request} (a complete HTTP/1.1
	 * request).
	 */
	static Socket open(int port, String request) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout((int) DiscoveryHttp.REQUEST_TIMEOUT.toMillis());
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code request} with {@code Connection: close} semantics and reads the whole
	 * answer.
	 */
	static Answer exchange(int port, String request) {
		long start = System.nanoTime();
		try (Socket socket = open(port, request)) {
			return read(socket.getInputStream(), start);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A request line plus the headers every request needs; {@code body} may be empty. */
	static String request(String method, String target, String contentType, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder text = new StringBuilder();
		text.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		text.append("Host: 127.0.0.1\r\n");
		text.append("Connection: close\r\n");
		if (!contentType.isEmpty()) {
			text.append("Content-Type: ").append(contentType).append("\r\n");
		}
		if (bytes.length > 0 || method.equals("POST")) {
			text.append("Content-Length: ").append(bytes.length).append("\r\n");
		}
		return text.append("\r\n").append(body).toString();
	}

	private static Answer read(InputStream in, long start) throws IOException {
		byte[] all = in.readAllBytes();
		String text = new String(all, StandardCharsets.ISO_8859_1);
		int headerEnd = text.indexOf("\r\n\r\n");
		String head = text.substring(0, headerEnd);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		String contentType = null;
		boolean chunked = false;
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i].toLowerCase(Locale.ROOT);
			if (line.startsWith("content-type:")) {
				contentType = lines[i].substring("content-type:".length()).trim();
			}
			if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
				chunked = true;
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(all, headerEnd + 4, all.length);
		if (chunked) {
			body = dechunk(body);
		}
		return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8),
				Duration.ofNanos(System.nanoTime() - start));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1);
		int position = 0;
		while (position < text.length()) {
			int lineEnd = text.indexOf("\r\n", position);
			int size = Integer.parseInt(text.substring(position, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

}

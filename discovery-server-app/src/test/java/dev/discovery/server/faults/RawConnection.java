package dev.discovery.server.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive connection on a plain socket: writes exact bytes (so that malformed
 * framing can be sent) and reads answers one by one.
 */
final class RawConnection implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private RawConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
	}

	static RawConnection open(int port, Duration readTimeout) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout((int) readTimeout.toMillis());
			socket.setTcpNoDelay(true);
			return new RawConnection(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes bytes; a server that already closed the connection is not an error here (the
	 * answers tell).
	 * @return whether every byte was written
	 */
	boolean send(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	boolean send(String text) {
		return send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads the next answer.
	 * @return the answer, or {@code null} when the server closed the connection first
	 * @throws SocketTimeoutException when no complete answer came within the read timeout
	 */
	Answer read() throws SocketTimeoutException {
		try {
			String statusLine = line();
			if (statusLine == null) {
				return null;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(); header != null && !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
			byte[] body;
			if (headers.containsKey("content-length")) {
				body = this.in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = chunks();
			}
			else {
				body = new byte[0];
			}
			return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
					new String(body, StandardCharsets.UTF_8));
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// reset by the server
			return null;
		}
	}

	/**
	 * Whether the server closed the connection (reads end of stream, or a reset).
	 */
	boolean closedByServer() {
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private byte[] chunks() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			String size = line();
			int length = Integer.parseInt(size.split(";")[0].trim(), 16);
			if (length == 0) {
				line();
				return out.toByteArray();
			}
			out.write(this.in.readNBytes(length));
			line();
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = this.in.read();
			if (next == -1) {
				return (out.size() == 0) ? null : out.toString(StandardCharsets.ISO_8859_1);
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = out.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
			}
			out.write(next);
			previous = next;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * One HTTP answer.
	 *
	 * @param status HTTP status
	 * @param headers lower-case names
	 * @param body the body text
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		boolean isEnvelope(int code) {
			return this.status == 200 && this.body.startsWith("{\"code\":" + code + ",");
		}

	}

}

package dev.discovery.server.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * gzip content coding of answers (RFC 9110 §8.4.1.3) for clients that ask for it, as Go's
 * net/http does by default.
 */
final class Gzip {

	/** Smaller answers are sent as they are: compressing them saves nothing. */
	static final int MIN_LENGTH = 512;

	private Gzip() {
	}

	/**
	 * Whether an {@code Accept-Encoding} header allows gzip (a {@code q=0} refuses it).
	 * @param acceptEncoding the header values
	 * @return {@code true} when gzip may be sent
	 */
	static boolean accepted(List<String> acceptEncoding) {
		for (String header : acceptEncoding) {
			for (String coding : header.split(",")) {
				String[] parts = coding.split(";");
				String name = parts[0].trim();
				if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip")) {
					return !refused(parts);
				}
			}
		}
		return false;
	}

	private static boolean refused(String[] parameters) {
		for (int n = 1; n < parameters.length; n++) {
			String parameter = parameters[n].trim();
			if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
				try {
					return Double.parseDouble(parameter.substring(2).trim()) == 0;
				}
				catch (NumberFormatException ex) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Compresses a body.
	 * @param body the bytes
	 * @return the gzip member holding them
	 */
	static byte[] compress(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 8));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}

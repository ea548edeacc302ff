package dev.discovery.server.faults;

import java.nio.charset.StandardCharsets;

/**
 * One generated request: its mutation class, a short description for failure reports, and
 * the exact bytes.
 *
 * @param mutation the mutation class
 * @param description what was changed
 * @param bytes the request as sent
 */
record FuzzCase(Mutation mutation, String description, byte[] bytes) {

	static FuzzCase of(Mutation mutation, String description, String request) {
		return new FuzzCase(mutation, description, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	@Override
	public String toString() {
		String text = new String(this.bytes, StandardCharsets.ISO_8859_1);
		return this.mutation + " [" + this.description + "] "
				+ ((text.length() > 300) ? text.substring(0, 300) + "...(" + text.length() + " bytes)" : text);
	}

	/** The mutation classes of the fuzzer. */
	enum Mutation {

		/** Unparsable or unexpected Content-Type. */
		CONTENT_TYPE,
		/** Unknown or odd charset parameter. */
		CHARSET,
		/** Broken multipart boundary or body. */
		MULTIPART,
		/** Bad percent escapes in a form body. */
		BODY_ESCAPES,
		/** Bad percent escapes and raw bytes in the query string. */
		QUERY_ESCAPES,
		/** Declared or actual body over the limit. */
		SIZE,
		/** Broken chunked framing. */
		CHUNKING,
		/** Malformed header lines. */
		HEADERS,
		/** Malformed request line. */
		REQUEST_LINE,
		/** Random parameter values on well-formed requests. */
		PARAMS,
		/** Non-canonical path variants of every route. */
		PATHS

	}

}

package dev.discovery.server.api;

import java.nio.charset.StandardCharsets;

import dev.discovery.protocol.ErrorCode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The -400 envelope of requests refused before a route handles them
 * (docs/wire-protocol.md §1.3): HTTP 200, {@code {"code":-400,"message":...,"ttl":1}}.
 * Written without a JSON mapper because the Netty guard needs it too.
 */
final class Rejections {

	private static final int MAX_MESSAGE = 300;

	private Rejections() {
	}

	/**
	 * The envelope bytes.
	 * @param message the readable reason, abbreviated when long
	 * @return the JSON body
	 */
	static byte[] envelope(String message) {
		return ("{\"code\":" + ErrorCode.REQUEST_ERR.code() + ",\"message\":" + quote(message) + ",\"ttl\":1}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes the envelope as the whole answer.
	 * @param response the response, not yet committed
	 * @param message the readable reason
	 * @return completion of the write
	 */
	static Mono<Void> write(ServerHttpResponse response, String message) {
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(Answers.JSON_UTF8);
		DataBuffer buffer = response.bufferFactory().wrap(envelope(message));
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * A client's text for a message: at most a few hundred characters.
	 * @param text the text
	 * @return the text, abbreviated
	 */
	static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	private static String quote(String message) {
		String text = (message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE) + "..." : message;
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}

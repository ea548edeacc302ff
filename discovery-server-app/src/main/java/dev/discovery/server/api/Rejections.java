package dev.discovery.server.api;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The -400 envelope of requests refused before a route handles them
 * (docs/wire-protocol.md §1.3): HTTP 200, {@code {"code":-400,"message":...,"ttl":1}}.
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
		String text = (message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE) + "..." : message;
		return EnvelopeWriter.standard(ErrorCode.REQUEST_ERR, text, null);
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

}

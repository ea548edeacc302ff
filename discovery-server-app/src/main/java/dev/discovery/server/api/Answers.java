package dev.discovery.server.api;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Sends the envelopes of docs/wire-protocol.md §1.3, written by {@link EnvelopeWriter}
 * around payloads that were serialized once per change of an app.
 */
final class Answers {

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

	private final JsonMapper mapper;

	Answers(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * {@code {"code":0,"message":"0","ttl":1}} without {@code data}.
	 */
	Mono<ServerResponse> ok() {
		return send(EnvelopeWriter.ok());
	}

	/**
	 * A standard envelope with code and default message, no {@code data} key.
	 */
	Mono<ServerResponse> code(ErrorCode code) {
		return send(EnvelopeWriter.standard(code));
	}

	/**
	 * A standard envelope with code -400 and a readable message.
	 */
	Mono<ServerResponse> invalid(String message) {
		return send(EnvelopeWriter.standard(ErrorCode.REQUEST_ERR, message, null));
	}

	/**
	 * A standard envelope whose {@code data} is already-serialized JSON
	 * ({@link EnvelopeWriter#NULL} for a typed nothing).
	 */
	Mono<ServerResponse> data(ErrorCode code, byte[] data) {
		return send(EnvelopeWriter.standard(code, data));
	}

	/**
	 * A standard envelope whose {@code data} is serialized now.
	 */
	Mono<ServerResponse> value(ErrorCode code, @Nullable Object data) {
		return data(code, this.mapper.writeValueAsBytes(data));
	}

	/**
	 * A standard envelope whose {@code data} is serialized now, compressed as
	 * {@link #compressed} says.
	 */
	Mono<ServerResponse> value(ErrorCode code, @Nullable Object data, boolean gzip) {
		return send(EnvelopeWriter.standard(code, this.mapper.writeValueAsBytes(data)), gzip);
	}

	/**
	 * The answer of a poll when this node stops: -500, so that every known client moves
	 * to another node, and the connection is closed.
	 */
	Mono<ServerResponse> nodeStopping() {
		return ServerResponse.ok()
			.contentType(JSON_UTF8)
			.header(HttpHeaders.CONNECTION, "close")
			.bodyValue(EnvelopeWriter.standard(ErrorCode.SERVER_ERR));
	}

	Mono<ServerResponse> send(byte[] body) {
		return ServerResponse.ok().contentType(JSON_UTF8).bodyValue(body);
	}

	/**
	 * Sends a serialized answer, compressed when it was built compressed.
	 */
	Mono<ServerResponse> send(InstanceViews.Body body) {
		if (!body.gzip()) {
			return send(body.bytes());
		}
		return ServerResponse.ok()
			.contentType(JSON_UTF8)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
			.bodyValue(body.bytes());
	}

	/**
	 * Sends an answer built for this request, compressed as {@link #compressed} says.
	 */
	Mono<ServerResponse> send(byte[] body, boolean gzip) {
		return send(compressed(body, gzip));
	}

	/**
	 * An answer built for this request, compressed now when the client accepts gzip and
	 * the answer is large enough to gain from it.
	 */
	InstanceViews.Body compressed(byte[] body, boolean gzip) {
		boolean compress = gzip && body.length >= Gzip.MIN_LENGTH;
		return new InstanceViews.Body(compress ? Gzip.compress(body) : body, compress);
	}

	/**
	 * Whether the client accepts gzip-compressed answers.
	 */
	static boolean acceptsGzip(ServerRequest request) {
		return Gzip.accepted(request.headers().header(HttpHeaders.ACCEPT_ENCODING));
	}

}

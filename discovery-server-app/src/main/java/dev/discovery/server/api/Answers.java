package dev.discovery.server.api;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
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

	Mono<ServerResponse> send(byte[] body) {
		return ServerResponse.ok().contentType(JSON_UTF8).bodyValue(body);
	}

}

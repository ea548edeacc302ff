package dev.discovery.server.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Builds the JSON envelopes of docs/wire-protocol.md §1.3 as bytes, splicing in payloads
 * that were serialized once per change of an app.
 */
final class Answers {

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

	private static final byte[] OK = bytes("{\"code\":0,\"message\":\"0\",\"ttl\":1}");

	private final JsonMapper mapper;

	Answers(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * {@code {"code":0,"message":"0","ttl":1}} without {@code data}.
	 */
	Mono<ServerResponse> ok() {
		return send(OK);
	}

	/**
	 * A standard envelope with code and default message, no {@code data} key.
	 */
	Mono<ServerResponse> code(ErrorCode code) {
		return send(standard(code.code(), code.message(), null));
	}

	/**
	 * A standard envelope with code -400 and a readable message.
	 */
	Mono<ServerResponse> invalid(String message) {
		return send(standard(ErrorCode.REQUEST_ERR.code(), message, null));
	}

	/**
	 * A standard envelope whose {@code data} is already-serialized JSON ({@code "null"}
	 * for a typed nothing).
	 */
	Mono<ServerResponse> data(ErrorCode code, byte[] data) {
		return send(standard(code.code(), code.message(), data));
	}

	/**
	 * A standard envelope whose {@code data} is serialized now.
	 */
	Mono<ServerResponse> value(ErrorCode code, @Nullable Object data) {
		return data(code, this.mapper.writeValueAsBytes(data));
	}

	/**
	 * The map envelope of polls: no {@code ttl}; {@code data} maps appid to a serialized
	 * InstanceInfo; {@code error."-404"} lists missing appids or is {@code null}.
	 */
	byte[] pollsBody(Map<String, byte[]> data, List<String> missing) {
		int size = 128;
		for (byte[] info : data.values()) {
			size += info.length + 64;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.writeBytes(bytes("{\"code\":0,\"message\":\"0\",\"data\":{"));
		boolean first = true;
		for (Map.Entry<String, byte[]> entry : data.entrySet()) {
			if (!first) {
				out.write(',');
			}
			first = false;
			out.writeBytes(this.mapper.writeValueAsBytes(entry.getKey()));
			out.write(':');
			out.writeBytes(entry.getValue());
		}
		out.writeBytes(bytes("},\"error\":{\"-404\":"));
		out.writeBytes(missing.isEmpty() ? bytes("null") : this.mapper.writeValueAsBytes(missing));
		out.writeBytes(bytes("}}"));
		return out.toByteArray();
	}

	/**
	 * A map envelope without {@code ttl}: only code and message.
	 */
	byte[] mapEnvelope(ErrorCode code, String message) {
		return bytes("{\"code\":" + code.code() + ",\"message\":" + this.mapper.writeValueAsString(message) + "}");
	}

	byte[] standard(int code, String message, byte @Nullable [] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 + ((data != null) ? data.length : 0));
		out.writeBytes(bytes("{\"code\":" + code + ",\"message\":"));
		out.writeBytes(this.mapper.writeValueAsBytes(message));
		out.writeBytes(bytes(",\"ttl\":1"));
		if (data != null) {
			out.writeBytes(bytes(",\"data\":"));
			out.writeBytes(data);
		}
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * The answer of a poll when this node stops: -500, so that every known client moves
	 * to another node, and the connection is closed.
	 */
	Mono<ServerResponse> nodeStopping() {
		return ServerResponse.ok()
			.contentType(JSON_UTF8)
			.header(HttpHeaders.CONNECTION, "close")
			.bodyValue(standard(ErrorCode.SERVER_ERR.code(), ErrorCode.SERVER_ERR.message(), null));
	}

	Mono<ServerResponse> send(byte[] body) {
		return ServerResponse.ok().contentType(JSON_UTF8).bodyValue(body);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

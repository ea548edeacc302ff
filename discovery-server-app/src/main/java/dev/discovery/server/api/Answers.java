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
import org.springframework.web.reactive.function.server.ServerRequest;
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

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

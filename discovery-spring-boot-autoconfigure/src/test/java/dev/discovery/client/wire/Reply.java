package dev.discovery.client.wire;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link RecordingProxy} answers a request.
 */
@FunctionalInterface
interface Reply {

	/**
	 * Answer one request.
	 * @param proxy the proxy, to forward the request
	 * @param exchange the exchange to answer on
	 * @param request the recorded request
	 * @throws IOException when the connection fails
	 * @throws InterruptedException when the proxy stops
	 */
	void answer(RecordingProxy proxy, HttpExchange exchange, RecordedRequest request)
			throws IOException, InterruptedException;

	/**
	 * Forward to the server node and pass its answer on unchanged.
	 * @return the reply
	 */
	static Reply forward() {
		return (proxy, exchange, request) -> {
			HttpResponse<String> response = proxy.forward(request);
			RecordingProxy.send(exchange, request, response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(null), response.body());
		};
	}

	/**
	 * Forward to the server node and pass on its JSON answer as changed by
	 * {@code rewrite}.
	 * @param rewrite changes the answer; may modify and return its argument
	 * @return the reply
	 */
	static Reply rewrite(UnaryOperator<JsonNode> rewrite) {
		JsonMapper mapper = JsonMapper.builder().build();
		return (proxy, exchange, request) -> {
			HttpResponse<String> response = proxy.forward(request);
			JsonNode rewritten = rewrite.apply(mapper.readTree(response.body()));
			RecordingProxy.send(exchange, request, response.statusCode(), "application/json",
					mapper.writeValueAsString(rewritten));
		};
	}

	/**
	 * Answer with an HTTP status and a text body, without asking the server.
	 * @param status the HTTP status
	 * @return the reply
	 */
	static Reply status(int status) {
		return (proxy, exchange, request) -> RecordingProxy.send(exchange, request, status, "text/plain",
				"injected failure");
	}

	/**
	 * Answer with a JSON body, without asking the server.
	 * @param json the body
	 * @return the reply
	 */
	static Reply json(String json) {
		return (proxy, exchange, request) -> RecordingProxy.send(exchange, request, 200, "application/json", json);
	}

	/**
	 * Close the connection without answering.
	 * @return the reply
	 */
	static Reply hangUp() {
		return (proxy, exchange, request) -> {
			request.answer().complete(null);
			exchange.close();
		};
	}

	/**
	 * Keep the connection open and never answer (until the proxy closes).
	 * @return the reply
	 */
	static Reply stall() {
		return (proxy, exchange, request) -> {
			request.answer().complete(null);
			proxy.awaitClose();
		};
	}

}

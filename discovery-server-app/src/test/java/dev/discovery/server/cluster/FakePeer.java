package dev.discovery.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A stand-in HTTP peer on a loopback port: either a fake reference (Go) node that records
 * what it receives and answers as told, or a proxy that forwards to a real node after a
 * delay.
 */
final class FakePeer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Function<Received, String> answers;

	private FakePeer(Function<Received, String> answers) {
		this.answers = answers;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
	}

	/**
	 * A fake node answering every request with the body chosen by {@code answers}.
	 */
	static FakePeer answering(Function<Received, String> answers) {
		FakePeer peer = new FakePeer(answers);
		peer.server.createContext("/", peer::answer);
		peer.server.start();
		return peer;
	}

	/**
	 * A proxy to {@code target} that holds every answer for {@code delay}.
	 */
	static FakePeer delaying(int target, Duration delay) {
		FakePeer peer = new FakePeer((request) -> "");
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.proxy(HttpClient.Builder.NO_PROXY)
			.build();
		peer.server.createContext("/", (exchange) -> peer.forward(exchange, client, target, delay));
		peer.server.start();
		return peer;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String address() {
		return ClusterNode.address(port());
	}

	void answers(Function<Received, String> answers) {
		this.answers = answers;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void answer(HttpExchange exchange) throws IOException {
		Received request = read(exchange);
		this.received.add(request);
		byte[] body = this.answers.apply(request).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void forward(HttpExchange exchange, HttpClient client, int target, Duration delay) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + target + exchange.getRequestURI()))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (name.equalsIgnoreCase("Content-Type") || name.toLowerCase().startsWith("x-")) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		try {
			Thread.sleep(delay.toMillis());
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			response.headers()
				.firstValue("Content-Type")
				.ifPresent((type) -> exchange.getResponseHeaders().add("Content-Type", type));
			response.headers()
				.firstValue("X-Discovery-Peer-Answer")
				.ifPresent((mac) -> exchange.getResponseHeaders().add("X-Discovery-Peer-Answer", mac));
			exchange.sendResponseHeaders(response.statusCode(), response.body().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.close();
		}
		catch (IOException ex) {
			exchange.sendResponseHeaders(502, -1);
			exchange.close();
		}
	}

	private static Received read(HttpExchange exchange) throws IOException {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		parse(exchange.getRequestURI().getRawQuery(), params);
		parse(body, params);
		Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-discovery-")) {
				headers.put(name, values.get(0));
			}
		});
		return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), params, headers, body);
	}

	private static void parse(@Nullable String form, MultiValueMap<String, String> params) {
		if (form == null || form.isEmpty()) {
			return;
		}
		for (String pair : form.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			params.add(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the fake received.
	 *
	 * @param method HTTP method
	 * @param path request path
	 * @param params query and form parameters
	 * @param headers the {@code X-Discovery-*} headers (peer signature)
	 * @param body the raw body
	 */
	record Received(String method, String path, MultiValueMap<String, String> params, Map<String, String> headers,
			String body) {

		String param(String name) {
			String value = this.params.getFirst(name);
			return (value != null) ? value : "";
		}

		List<String> all(String name) {
			return this.params.getOrDefault(name, List.of());
		}

	}

	static final String OK = "{\"code\":0,\"message\":\"0\",\"ttl\":1}";

	static String registry(Map<String, String> appToInstancesJson) {
		StringBuilder data = new StringBuilder("{");
		appToInstancesJson.forEach((app, instances) -> {
			if (data.length() > 1) {
				data.append(',');
			}
			data.append('"').append(app).append("\":").append(instances);
		});
		return "{\"code\":0,\"message\":\"0\",\"ttl\":1,\"data\":" + data.append('}') + "}";
	}

}

package dev.discovery.client.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.discovery.protocol.DiscoveryApi;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP proxy in front of one discovery server node. It records every request
 * before forwarding it and can answer in place of the server: an HTTP error, a closed
 * connection, no answer at all, or the server's answer rewritten.
 */
final class RecordingProxy implements AutoCloseable {

	private static final Set<String> FORWARDED_HEADERS = Set.of("content-type", "accept",
			DiscoveryApi.TIMEOUT_HEADER.toLowerCase(Locale.ROOT));

	private final HttpServer server;

	private final ExecutorService executor;

	private final HttpClient upstreamClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile @Nullable String upstream;

	private RecordingProxy(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start a proxy on a free loopback port; it answers HTTP 502 until
	 * {@link #forwardTo(String)} is called.
	 * @return the running proxy
	 * @throws IOException when no port can be bound
	 */
	static RecordingProxy start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "recording-proxy-" + server.getAddress().getPort());
			thread.setDaemon(true);
			return thread;
		});
		RecordingProxy proxy = new RecordingProxy(server, executor);
		server.createContext("/", proxy::handle);
		server.setExecutor(executor);
		server.start();
		return proxy;
	}

	/**
	 * Forward requests to a server node.
	 * @param node {@code host:port} of the node
	 * @return this proxy
	 */
	RecordingProxy forwardTo(String node) {
		this.upstream = node;
		return this;
	}

	/**
	 * The address clients use for this proxy.
	 * @return {@code 127.0.0.1:port}
	 */
	String node() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The base URI clients use for this proxy.
	 * @return {@code http://127.0.0.1:port}
	 */
	URI uri() {
		return URI.create("http://" + node());
	}

	/**
	 * Every request received so far, in arrival order.
	 * @return the requests
	 */
	List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests received so far on one path, in arrival order.
	 * @param path the path such as {@link DiscoveryApi#POLLS}
	 * @return the requests
	 */
	List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * Answer the matching requests with {@code reply} instead of forwarding them, until
	 * {@link #reset()}.
	 * @param when which requests
	 * @param reply what to answer
	 * @return this proxy
	 */
	RecordingProxy on(Predicate<RecordedRequest> when, Reply reply) {
		this.rules.add(new Rule(when, reply));
		return this;
	}

	/**
	 * Make every request fail: new requests and those in flight lose their connection.
	 */
	void goDown() {
		// ahead of every other rule: the JDK client retries a GET whose pooled
		// connection closed, and that retry must fail too
		this.rules.add(0, new Rule((request) -> true, Reply.hangUp()));
		for (HttpExchange exchange : this.open) {
			exchange.close();
		}
	}

	/**
	 * Forward everything again.
	 */
	void reset() {
		this.rules.clear();
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.open.forEach(HttpExchange::close);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.open.add(exchange);
		RecordedRequest request = record(exchange);
		this.requests.add(request);
		try {
			Reply reply = this.rules.stream()
				.filter((rule) -> rule.when().test(request))
				.map(Rule::reply)
				.findFirst()
				.orElse(Reply.forward());
			reply.answer(this, exchange, request);
		}
		catch (IOException | RuntimeException ex) {
			// the client or this proxy closed the connection meanwhile
			request.answer().complete(null);
			exchange.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			request.answer().complete(null);
			exchange.close();
		}
		finally {
			this.open.remove(exchange);
		}
	}

	private static RecordedRequest record(HttpExchange exchange) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		String query = exchange.getRequestURI().getRawQuery();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				(query != null) ? query : "", headers, body, new CompletableFuture<>());
	}

	HttpResponse<String> forward(RecordedRequest request) throws IOException, InterruptedException {
		String node = this.upstream;
		if (node == null) {
			throw new IOException("No upstream configured");
		}
		URI target = URI
			.create("http://" + node + request.path() + (request.query().isEmpty() ? "" : "?" + request.query()));
		HttpRequest.Builder builder = HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(60))
			.method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(request.body()));
		request.headers().forEach((name, values) -> {
			if (FORWARDED_HEADERS.contains(name)) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		return this.upstreamClient.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	void awaitClose() throws InterruptedException {
		this.closed.await();
	}

	static void send(HttpExchange exchange, RecordedRequest request, int status, @Nullable String contentType,
			String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		request.answer().complete(body);
	}

	private record Rule(Predicate<RecordedRequest> when, Reply reply) {

	}

}

package dev.discovery.server.replication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * HTTP client for requests to other server nodes: form POSTs of replicated changes and
 * the {@code /discovery/fetch/all} of the startup sync. Non-blocking; answers are
 * classified, never thrown.
 */
public final class PeerClient implements SmartLifecycle {

	/** Starts before anything that talks to peers, stops after it. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	private static final String FORM = "application/x-www-form-urlencoded";

	// Peers may be reference servers: accept null primitives and unknown fields.
	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final PeerSignature signature;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final Duration syncTimeout;

	private volatile @Nullable HttpClient client;

	private volatile @Nullable ExecutorService executor;

	/**
	 * Creates the client; connections are only opened once started.
	 * @param signature signs every request and checks every answer
	 * @param connectTimeout connect timeout
	 * @param requestTimeout timeout of one replicated change
	 * @param syncTimeout timeout of a {@code /discovery/fetch/all} (a whole registry)
	 */
	public PeerClient(PeerSignature signature, Duration connectTimeout, Duration requestTimeout, Duration syncTimeout) {
		this.signature = signature;
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
		this.syncTimeout = syncTimeout;
	}

	/**
	 * POSTs a form to a peer.
	 * @param address the peer's {@code host:port}
	 * @param path the route
	 * @param form the parameters
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> post(String address, String path, PeerForm form) {
		HttpRequest.Builder request = request(address, path, this.requestTimeout, "POST", form.entries())
			.header("Content-Type", FORM)
			.POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
		return send(request);
	}

	/**
	 * Asks a peer whether it serves: {@code GET /discovery/nodes} with a short timeout.
	 * @param address the peer's {@code host:port}
	 * @param timeout how long to wait for the answer
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> probe(String address, Duration timeout) {
		return send(request(address, DiscoveryApi.NODES, timeout, "GET", List.of()).GET());
	}

	/**
	 * Fetches the whole registry of a peer (docs/wire-protocol.md §3.10).
	 * @param address the peer's {@code host:port}
	 * @return app to instances; completes exceptionally with {@link PeerException} when
	 * the peer did not answer code 0 (a peer in startup protection answers -500)
	 */
	public CompletableFuture<Map<String, List<Instance>>> fetchAll(String address) {
		return send(request(address, DiscoveryApi.FETCH_ALL, this.syncTimeout, "GET", List.of()).GET())
			.thenApply((answer) -> {
				if (answer.codeOr(-1) != 0) {
					throw new PeerException("fetch/all from " + address + " failed: " + answer.describe());
				}
				return instances(answer.data());
			});
	}

	@Nullable Instance instance(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		try {
			return Instances.normalized(this.mapper.treeToValue(node, Instance.class));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Map<String, List<Instance>> instances(@Nullable JsonNode data) {
		Map<String, List<Instance>> all = new LinkedHashMap<>();
		if (data == null || !data.isObject()) {
			return all;
		}
		for (Map.Entry<String, JsonNode> app : data.properties()) {
			List<Instance> instances = new ArrayList<>();
			for (JsonNode node : app.getValue()) {
				Instance instance = instance(node);
				if (instance != null && !instance.hostname().isEmpty()) {
					instances.add(instance);
				}
			}
			all.put(app.getKey(), instances);
		}
		return all;
	}

	private HttpRequest.Builder request(String address, String path, Duration timeout, String method,
			List<Map.Entry<String, String>> params) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(timeout);
		this.signature.sign(method, address, path, params).forEach(request::header);
		return request;
	}

	private CompletableFuture<PeerAnswer> send(HttpRequest.Builder request) {
		HttpClient http = this.client;
		if (http == null) {
			return CompletableFuture.completedFuture(PeerAnswer.failed("peer client stopped"));
		}
		try {
			HttpRequest built = request.build();
			String sent = built.headers().firstValue(PeerSignature.SIGNATURE).orElse(null);
			return http.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray())
				.handle((response, ex) -> (ex != null) ? PeerAnswer.failed(reason(ex)) : answer(sent, response));
		}
		catch (RuntimeException ex) {
			// e.g. an address that is not a valid URI authority
			return CompletableFuture.completedFuture(PeerAnswer.failed(reason(ex)));
		}
	}

	private PeerAnswer answer(@Nullable String sentSignature, HttpResponse<byte[]> response) {
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			return new PeerAnswer(status, null, null, "HTTP " + status);
		}
		PeerAnswer answer = envelope(status, response.body());
		if (!this.signature.verifyAnswer(sentSignature, response.body(),
				response.headers().firstValue(PeerSignature.ANSWER).orElse(null))) {
			return answer.unauthenticated();
		}
		return answer;
	}

	private PeerAnswer envelope(int status, byte[] bytes) {
		try {
			JsonNode body = this.mapper.readTree(bytes);
			JsonNode code = (body != null) ? body.get("code") : null;
			if (code == null || !code.isIntegralNumber()) {
				return new PeerAnswer(status, null, null, "HTTP " + status + " without a discovery envelope");
			}
			JsonNode data = body.get("data");
			return new PeerAnswer(status, code.asInt(), (data != null && !data.isNull()) ? data : null, null);
		}
		catch (JacksonException ex) {
			return new PeerAnswer(status, null, null, "HTTP " + status + " with a body that is not JSON");
		}
	}

	private static String reason(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public void start() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "discovery-peer-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ExecutorService pool = Executors.newCachedThreadPool(threads);
		this.executor = pool;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.connectTimeout)
			.proxy(HttpClient.Builder.NO_PROXY)
			.executor(pool)
			.build();
	}

	@Override
	public void stop() {
		this.client = null;
		ExecutorService pool = this.executor;
		if (pool != null) {
			pool.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.client != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

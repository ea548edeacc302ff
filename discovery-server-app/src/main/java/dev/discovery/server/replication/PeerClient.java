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
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
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
	private final JsonMapper mapper = DiscoveryJson.mapper();

	private final PeerSecret secret;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private volatile @Nullable HttpClient client;

	private volatile @Nullable ExecutorService executor;

	/**
	 * Creates the client; connections are only opened once started.
	 * @param secret added to every request
	 * @param connectTimeout connect timeout
	 * @param requestTimeout timeout of a whole request
	 */
	public PeerClient(PeerSecret secret, Duration connectTimeout, Duration requestTimeout) {
		this.secret = secret;
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * POSTs a form to a peer.
	 * @param address the peer's {@code host:port}
	 * @param path the route
	 * @param form the parameters
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> post(String address, String path, PeerForm form) {
		HttpRequest.Builder request = request(address, path).header("Content-Type", FORM)
			.POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
		return send(request);
	}

	/**
	 * Fetches the whole registry of a peer (docs/wire-protocol.md §3.10).
	 * @param address the peer's {@code host:port}
	 * @return app to instances; completes exceptionally with {@link PeerException} when
	 * the peer did not answer code 0 (a peer in startup protection answers -500)
	 */
	public CompletableFuture<Map<String, List<Instance>>> fetchAll(String address) {
		return send(request(address, DiscoveryApi.FETCH_ALL).GET()).thenApply((answer) -> {
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

	private HttpRequest.Builder request(String address, String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path))
			.timeout(this.requestTimeout);
		this.secret.applyTo(request);
		return request;
	}

	private CompletableFuture<PeerAnswer> send(HttpRequest.Builder request) {
		HttpClient http = this.client;
		if (http == null) {
			return CompletableFuture.completedFuture(PeerAnswer.failed("peer client stopped"));
		}
		try {
			return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
				.handle((response, ex) -> (ex != null) ? PeerAnswer.failed(reason(ex)) : answer(response));
		}
		catch (RuntimeException ex) {
			// e.g. an address that is not a valid URI authority
			return CompletableFuture.completedFuture(PeerAnswer.failed(reason(ex)));
		}
	}

	private PeerAnswer answer(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			return new PeerAnswer(status, null, null, "HTTP " + status);
		}
		try {
			JsonNode body = this.mapper.readTree(response.body());
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

package dev.discovery.server.replication;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import dev.discovery.server.lifecycle.ServerPhases;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Talks to other server nodes with the protocol's {@link DiscoveryHttpApi}: replicated
 * changes and the {@code /discovery/fetch/all} of the startup sync. Requests run on a
 * pool of its own, so callers never block; answers are classified, never thrown.
 */
public final class PeerClient implements SmartLifecycle {

	private final PeerSecret secret;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final Map<String, UriBuilderFactory> nodes = new ConcurrentHashMap<>();

	private volatile @Nullable Running running;

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
	 * Sends a replicated change to a peer.
	 * @param address the peer's {@code host:port}
	 * @param op the change
	 * @param replication {@code true} for a peer of this zone
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> send(String address, ReplicationOp op, boolean replication) {
		return call(address, (api, node) -> op.send(api, node, replication)).handle((response, ex) -> {
			if (ex != null) {
				return failure(ex);
			}
			if (response == null) {
				return new PeerAnswer(200, null, null, "HTTP 200 without a discovery envelope");
			}
			Object data = response.data();
			return new PeerAnswer(200, response.code(), (data instanceof Instance instance) ? instance : null, null);
		});
	}

	/**
	 * Fetches the whole registry of a peer (docs/wire-protocol.md §3.10).
	 * @param address the peer's {@code host:port}
	 * @return app to instances; completes exceptionally with {@link PeerException} when
	 * the peer did not answer code 0 (a peer in startup protection answers -500)
	 */
	public CompletableFuture<Map<String, List<Instance>>> fetchAll(String address) {
		return call(address, (api, node) -> api.fetchAll(node)).handle((response, ex) -> {
			if (ex != null || response == null || !response.isOk()) {
				String answer = (ex != null) ? failure(ex).describe()
						: (response == null) ? "no envelope" : "code " + response.code();
				throw new PeerException("fetch/all from " + address + " failed: " + answer);
			}
			return instances(response.data());
		});
	}

	private <T> CompletableFuture<@Nullable T> call(String address,
			BiFunction<DiscoveryHttpApi, UriBuilderFactory, @Nullable T> request) {
		Running current = this.running;
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("peer client stopped"));
		}
		try {
			UriBuilderFactory node = this.nodes.computeIfAbsent(address,
					(a) -> new DefaultUriBuilderFactory("http://" + a));
			return CompletableFuture.supplyAsync(() -> request.apply(current.api(), node), current.pool());
		}
		catch (RuntimeException ex) {
			// e.g. an address that is not a valid URI authority, or a pool shut down
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Map<String, List<Instance>> instances(@Nullable Map<String, @Nullable List<Instance>> data) {
		Map<String, List<Instance>> all = new LinkedHashMap<>();
		if (data == null) {
			return all;
		}
		data.forEach((appid, instances) -> {
			List<Instance> normalized = new ArrayList<>();
			if (instances != null) {
				for (Instance instance : instances) {
					if (instance != null && !instance.hostname().isEmpty()) {
						normalized.add(Instances.normalized(instance));
					}
				}
			}
			all.put(appid, normalized);
		});
		return all;
	}

	private static PeerAnswer failure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof RestClientResponseException http) {
			int status = http.getStatusCode().value();
			return new PeerAnswer(status, null, null, "HTTP " + status);
		}
		String message = cause.getMessage();
		return PeerAnswer.failed(cause.getClass().getSimpleName() + ((message != null) ? ": " + message : ""));
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
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.connectTimeout)
			.proxy(HttpClient.Builder.NO_PROXY)
			.executor(pool)
			.build();
		RestClient restClient = DiscoveryHttpApiFactory.restClient(http, this.requestTimeout, DiscoveryJson.mapper())
			.requestInterceptor((request, body, execution) -> {
				this.secret.applyTo(request.getHeaders());
				return execution.execute(request, body);
			})
			.build();
		this.running = new Running(DiscoveryHttpApiFactory.create(restClient), pool);
	}

	@Override
	public void stop() {
		Running current = this.running;
		this.running = null;
		if (current != null) {
			current.pool().shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	@Override
	public int getPhase() {
		return ServerPhases.PEER_CLIENT;
	}

	private record Running(DiscoveryHttpApi api, ExecutorService pool) {

	}

}

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
import java.util.function.Function;

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

	private final PeerSignature signature;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final Duration syncTimeout;

	private final Duration probeTimeout;

	private final Map<String, UriBuilderFactory> nodes = new ConcurrentHashMap<>();

	private volatile @Nullable Running running;

	/**
	 * Creates the client; connections are only opened once started.
	 * @param signature signs every request and checks every answer
	 * @param connectTimeout connect timeout
	 * @param requestTimeout timeout of one replicated change
	 * @param syncTimeout timeout of a {@code /discovery/fetch/all} (a whole registry)
	 * @param probeTimeout timeout of a health probe
	 */
	public PeerClient(PeerSignature signature, Duration connectTimeout, Duration requestTimeout, Duration syncTimeout,
			Duration probeTimeout) {
		this.signature = signature;
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
		this.syncTimeout = syncTimeout;
		this.probeTimeout = probeTimeout;
	}

	/**
	 * Sends a replicated change to a peer.
	 * @param address the peer's {@code host:port}
	 * @param op the change
	 * @param replication {@code true} for a peer of this zone
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> send(String address, ReplicationOp op, boolean replication) {
		return call(address, Running::api, (api, node) -> op.send(api, node, replication)).handle((response, ex) -> {
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
	 * Asks a peer whether it serves: {@code GET /discovery/nodes} with the short probe
	 * timeout.
	 * @param address the peer's {@code host:port}
	 * @return the answer; never completes exceptionally
	 */
	CompletableFuture<PeerAnswer> probe(String address) {
		return call(address, Running::probe, (api, node) -> api.nodes(node)).handle((response, ex) -> {
			if (ex != null) {
				return failure(ex);
			}
			return (response != null) ? new PeerAnswer(200, response.code(), null, null)
					: new PeerAnswer(200, null, null, "HTTP 200 without a discovery envelope");
		});
	}

	/**
	 * Fetches the whole registry of a peer (docs/wire-protocol.md §3.10).
	 * @param address the peer's {@code host:port}
	 * @return app to instances; completes exceptionally with {@link PeerException} when
	 * the peer did not answer code 0 (a peer in startup protection answers -500)
	 */
	public CompletableFuture<Map<String, List<Instance>>> fetchAll(String address) {
		return call(address, Running::sync, (api, node) -> api.fetchAll(node)).handle((response, ex) -> {
			if (ex != null || response == null || !response.isOk()) {
				String answer = (ex != null) ? failure(ex).describe()
						: (response == null) ? "no envelope" : "code " + response.code();
				throw new PeerException("fetch/all from " + address + " failed: " + answer);
			}
			return instances(response.data());
		});
	}

	private <T> CompletableFuture<@Nullable T> call(String address, Function<Running, DiscoveryHttpApi> which,
			BiFunction<DiscoveryHttpApi, UriBuilderFactory, @Nullable T> request) {
		Running current = this.running;
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("peer client stopped"));
		}
		try {
			UriBuilderFactory node = this.nodes.computeIfAbsent(address,
					(a) -> new DefaultUriBuilderFactory("http://" + a));
			DiscoveryHttpApi api = which.apply(current);
			return CompletableFuture.supplyAsync(() -> request.apply(api, node), current.pool());
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
		for (Throwable c = ex; c != null; c = c.getCause()) {
			if (c instanceof PeerSigning.UnauthenticatedAnswerException unauthenticated) {
				return PeerAnswer.unauthenticated(unauthenticated.status(), unauthenticated.getMessage());
			}
		}
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
		this.running = new Running(api(http, this.requestTimeout), api(http, this.syncTimeout),
				api(http, this.probeTimeout), pool);
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

	private DiscoveryHttpApi api(HttpClient http, Duration timeout) {
		RestClient restClient = DiscoveryHttpApiFactory.restClient(http, timeout, DiscoveryJson.mapper())
			.requestInterceptor(new PeerSigning(this.signature))
			.build();
		return DiscoveryHttpApiFactory.create(restClient);
	}

	/**
	 * The clients of a started peer client: replicated changes, whole registries, probes.
	 */
	private record Running(DiscoveryHttpApi api, DiscoveryHttpApi sync, DiscoveryHttpApi probe, ExecutorService pool) {

	}

}

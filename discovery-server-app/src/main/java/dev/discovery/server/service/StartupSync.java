package dev.discovery.server.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.discovery.protocol.Instance;
import dev.discovery.server.lifecycle.ServerPhases;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.PeerClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Copies the registries of the other nodes when this node starts (docs/wire-protocol.md
 * §5.8): {@code /discovery/fetch/all} from every local peer and from one node of each
 * other zone (the next one when a node does not answer), all in parallel, merged by the
 * usual dirty timestamp rule and never replicated.
 * <p>
 * Runs once the web server listens, so that peers can already deliver their changes to
 * this node, and before this node registers itself, so that clients only find it once it
 * holds the registry. Reads stay refused by the {@link ReadGate} until the sync attempt
 * has finished: with startup protection ({@code enable-protect}) only a successful sync
 * opens the gate early, otherwise any finished attempt does (a first node finds no peer
 * and serves at once).
 */
public final class StartupSync implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StartupSync.class);

	private final DiscoveryService service;

	private final ClusterNodes nodes;

	private final PeerClient client;

	private final ReadGate gate;

	private final Supplier<String> advertisedAddress;

	private final boolean openOnlyOnSuccess;

	private volatile boolean running;

	/**
	 * Creates the sync.
	 * @param service stores the peers' instances
	 * @param nodes the nodes to sync from
	 * @param client fetches the registries
	 * @param gate opened when the sync is done
	 * @param advertisedAddress this node's address, so it does not sync from itself
	 * @param openOnlyOnSuccess {@code true} with startup protection: a failed sync leaves
	 * the gate to its timeout
	 */
	public StartupSync(DiscoveryService service, ClusterNodes nodes, PeerClient client, ReadGate gate,
			Supplier<String> advertisedAddress, boolean openOnlyOnSuccess) {
		this.service = service;
		this.nodes = nodes;
		this.client = client;
		this.gate = gate;
		this.advertisedAddress = advertisedAddress;
		this.openOnlyOnSuccess = openOnlyOnSuccess;
	}

	@Override
	public void start() {
		this.running = true;
		this.nodes.bind(this.advertisedAddress.get());
		List<CompletableFuture<@Nullable Result>> syncs = new ArrayList<>();
		for (String peer : this.nodes.localPeers()) {
			syncs.add(fetch(List.of(peer)));
		}
		for (List<String> zone : this.nodes.otherZones().values()) {
			List<String> shuffled = new ArrayList<>(zone);
			Collections.shuffle(shuffled);
			syncs.add(fetch(shuffled));
		}
		if (syncs.isEmpty()) {
			if (!this.openOnlyOnSuccess) {
				this.gate.open("no other node to sync from");
			}
			return;
		}
		int synced = 0;
		int instances = 0;
		for (CompletableFuture<@Nullable Result> sync : syncs) {
			Result result = sync.join();
			if (result != null) {
				synced++;
				for (List<Instance> app : result.registry().values()) {
					app.forEach(this.service::restore);
					instances += app.size();
				}
			}
		}
		String summary = "synced " + instances + " instance(s) from " + synced + " of " + syncs.size() + " node(s)";
		if (synced > 0) {
			logger.info("Startup sync: " + summary);
			this.gate.open("startup sync done, " + summary);
		}
		else if (!this.openOnlyOnSuccess) {
			logger.warn("Startup sync: no node answered; serving this node's own registry");
			this.gate.open("startup sync attempted, no node answered");
		}
		else {
			logger.warn("Startup sync: no node answered; reads stay refused until the protect timeout");
		}
	}

	/**
	 * Fetches from the first node of the list that answers.
	 */
	private CompletableFuture<@Nullable Result> fetch(List<String> candidates) {
		CompletableFuture<@Nullable Result> result = CompletableFuture.completedFuture(null);
		for (String node : candidates) {
			result = result.thenCompose((done) -> (done != null) ? CompletableFuture.completedFuture(done)
					: this.client.fetchAll(node).handle((registry, ex) -> {
						if (ex != null) {
							Throwable cause = (ex instanceof CompletionException && ex.getCause() != null)
									? ex.getCause() : ex;
							logger.info("Startup sync: " + node + " skipped (" + cause.getMessage() + ")");
							return null;
						}
						return new Result(node, registry);
					}));
		}
		return result;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * After the web server started listening, before self-registration.
	 */
	@Override
	public int getPhase() {
		return ServerPhases.STARTUP_SYNC;
	}

	/**
	 * The registry of one node.
	 */
	private record Result(String node, Map<String, List<Instance>> registry) {

	}

}

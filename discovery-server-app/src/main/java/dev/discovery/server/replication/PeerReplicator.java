package dev.discovery.server.replication;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import dev.discovery.protocol.Instance;
import dev.discovery.server.lifecycle.ServerPhases;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Replicates changes to the other nodes (docs/wire-protocol.md §5.2–5.6) without blocking
 * the caller: one {@link PeerChannel} per peer of this zone ({@code replication=true})
 * and one per other zone ({@code replication=false}, sent to one node of that zone at a
 * time). The destinations follow {@link ClusterNodes}.
 * <p>
 * Which destinations get a change depends on its origin only (D12): a client's change
 * goes to every local peer and to every other zone, a change from another zone only to
 * local peers, and a peer's change nowhere. The {@link PeerAnswerHandler} decides what
 * the answers mean.
 */
public final class PeerReplicator implements Replicator, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PeerReplicator.class);

	private final ClusterNodes nodes;

	private final Settings settings;

	private final PeerChannel.Dependencies dependencies;

	private final Duration drainTimeout;

	private final PeerClient client;

	private final CatchUp catchUp;

	private final Map<String, PeerChannel> peers = new ConcurrentHashMap<>();

	private final Map<String, PeerChannel> zones = new ConcurrentHashMap<>();

	private volatile long topologyVersion = -1;

	private volatile boolean running;

	/**
	 * Creates the replicator; nothing is sent before it is started.
	 * @param nodes the destinations
	 * @param registry read for repairs
	 * @param writes stores newer copies held by peers
	 * @param client sends the requests
	 * @param scheduler schedules retries
	 * @param clock time source
	 * @param meters receives queue depth, lag, delivery time and request outcomes
	 * @param settings queue and backoff tuning
	 * @param drainTimeout how long {@link #stop()} keeps sending
	 */
	public PeerReplicator(ClusterNodes nodes, Registry registry, LastWriteWins writes, PeerClient client,
			TaskScheduler scheduler, Clock clock, MeterRegistry meters, Settings settings, Duration drainTimeout) {
		this.nodes = nodes;
		this.settings = settings;
		PeerAnswerHandler handler = new PeerAnswerHandler(nodes, registry, writes, clock);
		this.client = client;
		this.catchUp = new CatchUp(registry, writes);
		this.dependencies = new PeerChannel.Dependencies(client, handler, scheduler, clock, new Random(), meters);
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void register(Instance instance, Origin origin) {
		fanOut(ReplicationOp.register(instance), origin);
	}

	@Override
	public void renew(Instance instance, Origin origin) {
		fanOut(ReplicationOp.renew(instance), origin);
	}

	@Override
	public void cancel(Instance instance, long latestTimestamp, Origin origin) {
		fanOut(ReplicationOp.cancel(instance, latestTimestamp), origin);
	}

	@Override
	public void set(ReplicatedSet set, Origin origin) {
		fanOut(ReplicationOp.set(set), origin);
	}

	/**
	 * A peer of this zone answers again after it was LOST: its queue resumes at once and
	 * the two registries are reconciled (docs/cluster.md, "Convergence").
	 * @param address the peer
	 */
	public void peerReturned(String address) {
		if (!this.running) {
			return;
		}
		refreshChannels();
		PeerChannel channel = this.peers.get(address);
		if (channel == null) {
			return;
		}
		channel.resumeNow();
		this.client.fetchAll(address).whenComplete((remote, ex) -> {
			if (ex != null) {
				logger.info("Catch-up with " + address + " skipped: " + ex.getMessage());
				return;
			}
			CatchUp.Summary summary = this.catchUp.reconcile(remote, channel);
			logger.info("Caught up with " + address + ": " + summary.adopted() + " newer copy(ies) taken, "
					+ summary.sent() + " register(s) and " + summary.cancelled() + " cancel(s) sent");
		});
	}

	/**
	 * Changes queued or in flight, over all destinations.
	 * @return the number of pending changes
	 */
	public int pending() {
		int pending = 0;
		for (PeerChannel channel : channels()) {
			pending += channel.isIdle() ? 0 : Math.max(1, channel.depth());
		}
		return pending;
	}

	private void fanOut(ReplicationOp op, Origin origin) {
		if (origin == Origin.PEER || !this.running) {
			return;
		}
		refreshChannels();
		for (PeerChannel channel : this.peers.values()) {
			channel.offer(op);
		}
		if (origin == Origin.CLIENT) {
			for (PeerChannel channel : this.zones.values()) {
				channel.offer(op);
			}
		}
	}

	/**
	 * Follows {@link ClusterNodes}: a channel per current destination; removed peers lose
	 * their queue.
	 */
	private void refreshChannels() {
		if (this.nodes.version() == this.topologyVersion) {
			return;
		}
		synchronized (this) {
			long version = this.nodes.version();
			if (version == this.topologyVersion || !this.running) {
				return;
			}
			List<String> localPeers = this.nodes.localPeers();
			this.peers.keySet().removeIf((address) -> {
				boolean gone = !localPeers.contains(address);
				if (gone) {
					logger.info("Stopped replicating to " + address + " (no longer a node of this zone)");
					this.peers.get(address).close();
				}
				return gone;
			});
			for (String address : localPeers) {
				this.peers.computeIfAbsent(address, (a) -> {
					logger.info("Replicating to " + a + " (zone " + this.nodes.zone() + ")");
					return new PeerChannel(a, true, List.of(a), this.settings, this.dependencies);
				});
			}
			Map<String, List<String>> otherZones = this.nodes.otherZones();
			this.zones.keySet().removeIf((zone) -> {
				boolean gone = !otherZones.containsKey(zone);
				if (gone) {
					this.zones.get(zone).close();
				}
				return gone;
			});
			otherZones.forEach((zone, addresses) -> {
				PeerChannel channel = this.zones.get(zone);
				if (channel == null) {
					logger.info("Replicating to zone " + zone + " through one of " + addresses);
					this.zones.put(zone,
							new PeerChannel("zone:" + zone, false, addresses, this.settings, this.dependencies));
				}
				else {
					channel.addresses(addresses);
				}
			});
			this.topologyVersion = version;
		}
	}

	private List<PeerChannel> channels() {
		List<PeerChannel> channels = new ArrayList<>(this.peers.values());
		channels.addAll(this.zones.values());
		return channels;
	}

	@Override
	public void start() {
		this.running = true;
		refreshChannels();
	}

	@Override
	public void stop() {
		// Give the last changes (such as this node's own cancel) a moment to leave.
		long deadline = this.dependencies.clock().millis() + this.drainTimeout.toMillis();
		try {
			for (PeerChannel channel : channels()) {
				channel.awaitIdle(deadline);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			this.running = false;
			int dropped = 0;
			for (PeerChannel channel : channels()) {
				dropped += channel.depth();
				channel.close();
			}
			this.peers.clear();
			this.zones.clear();
			this.topologyVersion = -1;
			if (dropped > 0) {
				logger.warn("Stopped with " + dropped + " change(s) not replicated");
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts after the peer client, before the web server; stops after the web server.
	 */
	@Override
	public int getPhase() {
		return ServerPhases.REPLICATION;
	}

	/**
	 * Queue and backoff tuning.
	 *
	 * @param queueCapacity most pending changes per destination
	 * @param maxInFlight most concurrent requests per destination
	 * @param initialBackoff first pause after a failed request
	 * @param maxBackoff longest pause
	 */
	public record Settings(int queueCapacity, int maxInFlight, Duration initialBackoff, Duration maxBackoff) {

	}

	/**
	 * For tests and diagnostics: the destination names currently replicated to.
	 * @return peer addresses and {@code zone:<name>} entries
	 */
	public List<String> destinations() {
		List<String> names = new ArrayList<>();
		channels().forEach((channel) -> names.add(channel.name()));
		return names;
	}

}

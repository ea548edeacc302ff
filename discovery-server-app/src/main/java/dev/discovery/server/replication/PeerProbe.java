package dev.discovery.server.replication;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import dev.discovery.protocol.Node;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.discovery.server.lifecycle.ServerPhases;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Finds out within seconds whether each peer of this zone serves (docs/cluster.md,
 * "Convergence"): every {@code probe-interval} a {@code GET /discovery/nodes} with its
 * own short timeout, so a peer that refuses connections or accepts and never answers (a
 * black hole) is LOST after one probe timeout, not after a replication request's timeout.
 * A peer that answers again is UP, and when it had been LOST its queue resumes at once
 * and a catch-up reconciles the two registries.
 */
public final class PeerProbe implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PeerProbe.class);

	static final int FAILURES_TO_LOSE = 2;

	private final ClusterNodes nodes;

	private final PeerClient client;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Consumer<String> returned;

	private final MeterRegistry meters;

	// peer -> whether it counts as answering
	private final Map<String, Boolean> answered = new ConcurrentHashMap<>();

	// peer -> failed probes in a row
	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ScheduledFuture<?> task;

	/**
	 * Creates the probe.
	 * @param nodes the peers to probe, told their status
	 * @param client sends the probes
	 * @param scheduler runs them
	 * @param interval time between two probes of a peer
	 * @param returned told the address of a peer that answers again after it was LOST
	 * @param meters receives {@code discovery.cluster.peer.status} per peer
	 */
	public PeerProbe(ClusterNodes nodes, PeerClient client, TaskScheduler scheduler, Duration interval,
			Consumer<String> returned, MeterRegistry meters) {
		this.nodes = nodes;
		this.client = client;
		this.scheduler = scheduler;
		this.interval = interval;
		this.returned = returned;
		this.meters = meters;
	}

	void probeAll() {
		for (String peer : this.nodes.localPeers()) {
			if (this.inFlight.add(peer)) {
				gauge(peer);
				this.client.probe(peer).whenComplete((answer, ex) -> {
					this.inFlight.remove(peer);
					answered(peer, ex == null && answer.isAlive() && answer.codeOr(-1) == 0,
							(ex != null) ? ex.toString() : answer.describe());
				});
			}
		}
		this.answered.keySet().retainAll(this.nodes.localPeers());
		this.failures.keySet().retainAll(this.nodes.localPeers());
	}

	private void answered(String peer, boolean up, String outcome) {
		if (!this.nodes.localPeers().contains(peer)) {
			return;
		}
		int failed = up ? 0 : this.failures.merge(peer, 1, Integer::sum);
		if (up) {
			this.failures.remove(peer);
		}
		else if (failed < FAILURES_TO_LOSE && !Boolean.FALSE.equals(this.answered.get(peer))) {
			return;
		}
		Boolean before = this.answered.put(peer, up);
		this.nodes.markReachable(peer, up);
		if (!up && !Boolean.FALSE.equals(before)) {
			logger.warn("Peer " + peer + " is LOST: " + outcome);
		}
		else if (up && Boolean.FALSE.equals(before)) {
			logger.info("Peer " + peer + " answers again; catching up");
			this.returned.accept(peer);
		}
	}

	private void gauge(String peer) {
		if (this.gauged.add(peer)) {
			Gauge.builder("discovery.cluster.peer.status", this, (probe) -> probe.status(peer))
				.tag("peer", peer)
				.description("Status of a peer of this zone as in /discovery/nodes: 0 UP, 1 LOST")
				.register(this.meters);
		}
	}

	private double status(String peer) {
		for (Node node : this.nodes.nodes()) {
			if (node.addr().equals(peer)) {
				return node.status();
			}
		}
		return Double.NaN;
	}

	@Override
	public void start() {
		if (!this.interval.isZero() && !this.interval.isNegative()) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::probeAll, this.interval);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
			this.task = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	/**
	 * With the replicator, after the peer client.
	 */
	@Override
	public int getPhase() {
		return ServerPhases.NODE_LIST;
	}

}

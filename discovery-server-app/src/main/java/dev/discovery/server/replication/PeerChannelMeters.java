package dev.discovery.server.replication;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one replication destination, tagged {@code peer}: queue depth, lag,
 * delivery time, dropped changes and request outcomes.
 */
final class PeerChannelMeters {

	private final String peer;

	private final MeterRegistry registry;

	private final List<Meter> gauges;

	private final Timer delivery;

	private final Counter dropped;

	/**
	 * Registers the meters of a destination.
	 * @param peer the destination's name
	 * @param backlog read by the gauges; only weakly referenced, as by every gauge
	 * @param registry receives the meters
	 */
	PeerChannelMeters(String peer, Backlog backlog, MeterRegistry registry) {
		this.peer = peer;
		this.registry = registry;
		this.gauges = List.of(
				Gauge.builder("discovery.replication.queue", backlog, Backlog::depth)
					.description("Changes waiting to be sent to a peer")
					.tag("peer", peer)
					.register(registry),
				Gauge.builder("discovery.replication.lag", backlog, Backlog::lagSeconds)
					.description("Age of the oldest change waiting for a peer")
					.baseUnit("seconds")
					.tag("peer", peer)
					.register(registry));
		this.delivery = Timer.builder("discovery.replication.delivery")
			.description("Time from a change on this node to its acknowledgement by a peer")
			.tag("peer", peer)
			.register(registry);
		this.dropped = Counter.builder("discovery.replication.dropped")
			.description("Changes not queued because the peer's queue was full")
			.tag("peer", peer)
			.register(registry);
	}

	/**
	 * Records that the peer acknowledged a change.
	 * @param sinceQueued time from queueing the change to the acknowledgement
	 */
	void delivered(Duration sinceQueued) {
		this.delivery.record(sinceQueued);
	}

	/**
	 * Counts a change that did not fit in the queue.
	 */
	void dropped() {
		this.dropped.increment();
	}

	/**
	 * Counts a finished request.
	 * @param action what it replicated
	 * @param outcome how it ended
	 */
	void requested(ReplicationOp.Action action, PeerChannel.Outcome outcome) {
		Counter.builder("discovery.replication.requests")
			.description("Replication requests sent, by action and outcome")
			.tag("peer", this.peer)
			.tag("action", action.name().toLowerCase())
			.tag("outcome", outcome.name().toLowerCase())
			.register(this.registry)
			.increment();
	}

	/**
	 * Removes the gauges, which would otherwise report a closed destination forever; the
	 * counters and the timer keep their totals.
	 */
	void close() {
		this.gauges.forEach(this.registry::remove);
	}

	/**
	 * What the gauges read.
	 */
	interface Backlog {

		/**
		 * Number of queued changes.
		 */
		int depth();

		/**
		 * Age of the oldest queued change in seconds.
		 */
		double lagSeconds();

	}

}

package dev.discovery.server.replication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * The ordered, bounded queue of changes for one destination (a peer of this zone, or one
 * other zone), and the sending of them (D13).
 * <p>
 * Operations with the same key are coalesced: the latest renew of an instance replaces
 * the pending one in place, any other repeated operation moves to the tail. Several
 * requests may be in flight, but never two touching the same instance, so each instance's
 * changes arrive in order. A transient failure puts the operation back in its place and
 * pauses the destination with exponential backoff; while it recovers only one request is
 * in flight, so a returning peer is not flooded.
 */
final class PeerChannel {

	private static final Log logger = LogFactory.getLog(PeerChannel.class);

	private static final int SCAN_LIMIT = 256;

	private static final long LOG_INTERVAL_MILLIS = 10_000;

	private final String name;

	private final boolean localPeer;

	private final Settings settings;

	private final Dependencies dependencies;

	private final Object lock = new Object();

	private final TreeMap<Long, Queued> queue = new TreeMap<>();

	private final Map<ReplicationOp.Key, Queued> byKey = new HashMap<>();

	private final Set<ReplicationOp.Key> busyInstances = new HashSet<>();

	private final List<Meter> gauges = new ArrayList<>();

	private final Timer delivery;

	private final Counter dropped;

	private List<String> addresses;

	private int target;

	private int requestsInFlight;

	private long nextSeq;

	private int consecutiveFailures;

	private long pausedUntil;

	private @Nullable ScheduledFuture<?> resume;

	private boolean closed;

	private long lastDropLog;

	private long lastRejectLog;

	PeerChannel(String name, boolean localPeer, List<String> addresses, Settings settings, Dependencies dependencies) {
		this.name = name;
		this.localPeer = localPeer;
		this.settings = settings;
		this.dependencies = dependencies;
		this.addresses = List.copyOf(addresses);
		this.target = addresses.isEmpty() ? 0 : dependencies.random().nextInt(addresses.size());
		MeterRegistry meters = dependencies.meters();
		this.gauges.add(Gauge.builder("discovery.replication.queue", this, PeerChannel::depth)
			.description("Changes waiting to be sent to a peer")
			.tag("peer", name)
			.register(meters));
		this.gauges.add(Gauge.builder("discovery.replication.lag", this, PeerChannel::lagSeconds)
			.description("Age of the oldest change waiting for a peer")
			.baseUnit("seconds")
			.tag("peer", name)
			.register(meters));
		this.delivery = Timer.builder("discovery.replication.delivery")
			.description("Time from a change on this node to its acknowledgement by a peer")
			.tag("peer", name)
			.register(meters);
		this.dropped = Counter.builder("discovery.replication.dropped")
			.description("Changes not queued because the peer's queue was full")
			.tag("peer", name)
			.register(meters);
	}

	String name() {
		return this.name;
	}

	boolean isLocalPeer() {
		return this.localPeer;
	}

	/**
	 * Queues an operation.
	 * @param op the operation
	 * @return {@code false} when it was dropped (queue full or channel closed)
	 */
	boolean offer(ReplicationOp op) {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			ReplicationOp.Key key = op.key();
			Queued existing = this.byKey.get(key);
			if (existing != null && op.action() == ReplicationOp.Action.RENEW) {
				existing.op = op;
				return true;
			}
			if (existing != null) {
				this.queue.remove(existing.seq);
				this.byKey.remove(key);
			}
			else if (op.action() == ReplicationOp.Action.RENEW && this.byKey.containsKey(registerKey(key))) {
				// The pending register renews the lease on the peer too.
				return true;
			}
			else if (this.queue.size() >= this.settings.queueCapacity()) {
				this.dropped.increment();
				long now = now();
				if (now - this.lastDropLog > LOG_INTERVAL_MILLIS) {
					this.lastDropLog = now;
					logger.warn("Replication queue for " + this.name + " is full (" + this.queue.size() + "); dropping "
							+ op.describe() + " (renews repair it later)");
				}
				return false;
			}
			Queued queued = new Queued(op, this.nextSeq++, now());
			this.queue.put(queued.seq, queued);
			this.byKey.put(key, queued);
		}
		pump();
		return true;
	}

	/**
	 * Replaces the addresses of an other-zone destination, keeping the current one when
	 * it is still listed.
	 */
	void addresses(List<String> addresses) {
		synchronized (this.lock) {
			String current = currentTarget();
			this.addresses = List.copyOf(addresses);
			int index = this.addresses.indexOf(current);
			this.target = (index >= 0) ? index
					: (addresses.isEmpty() ? 0 : this.dependencies.random().nextInt(addresses.size()));
		}
		pump();
	}

	/**
	 * Number of queued operations, in-flight ones excluded.
	 */
	int depth() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	/**
	 * Whether nothing is queued or in flight.
	 */
	boolean isIdle() {
		synchronized (this.lock) {
			return this.queue.isEmpty() && this.requestsInFlight == 0;
		}
	}

	double lagSeconds() {
		synchronized (this.lock) {
			if (this.queue.isEmpty()) {
				return 0;
			}
			return Math.max(0, now() - this.queue.firstEntry().getValue().enqueuedAt) / 1000.0;
		}
	}

	/**
	 * Waits until the channel is idle or the deadline passed.
	 * @param deadline the clock millis to stop waiting at
	 */
	void awaitIdle(long deadline) throws InterruptedException {
		synchronized (this.lock) {
			long remaining = deadline - now();
			while (!this.closed && (!this.queue.isEmpty() || this.requestsInFlight > 0) && remaining > 0) {
				this.lock.wait(remaining);
				remaining = deadline - now();
			}
		}
	}

	/**
	 * Drops everything queued and stops sending.
	 */
	void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.queue.clear();
			this.byKey.clear();
			ScheduledFuture<?> pending = this.resume;
			if (pending != null) {
				pending.cancel(false);
			}
			this.lock.notifyAll();
		}
		this.gauges.forEach(this.dependencies.meters()::remove);
	}

	void pump() {
		List<Queued> batch = new ArrayList<>();
		String address;
		synchronized (this.lock) {
			if (this.closed || this.addresses.isEmpty() || now() < this.pausedUntil) {
				return;
			}
			int limit = (this.consecutiveFailures > 0) ? 1 : this.settings.maxInFlight();
			while (this.requestsInFlight < limit) {
				Queued next = nextEligible();
				if (next == null) {
					break;
				}
				this.queue.remove(next.seq);
				this.byKey.remove(next.op.key());
				this.busyInstances.addAll(next.op.instances());
				this.requestsInFlight++;
				batch.add(next);
			}
			address = currentTarget();
		}
		for (Queued queued : batch) {
			ReplicationOp op = queued.op;
			this.dependencies.client()
				.post(address, op.path(), op.form(this.localPeer, this.dependencies.handler().mapper()))
				.thenAccept((answer) -> completed(queued, address, answer));
		}
	}

	private @Nullable Queued nextEligible() {
		Set<ReplicationOp.Key> blocked = null;
		int scanned = 0;
		for (Queued candidate : this.queue.values()) {
			if (++scanned > SCAN_LIMIT) {
				return null;
			}
			List<ReplicationOp.Key> instances = candidate.op.instances();
			boolean busy = false;
			for (ReplicationOp.Key instance : instances) {
				if (this.busyInstances.contains(instance) || (blocked != null && blocked.contains(instance))) {
					busy = true;
					break;
				}
			}
			if (!busy) {
				return candidate;
			}
			// Later operations on these instances must wait for this one.
			blocked = (blocked != null) ? blocked : new HashSet<>();
			blocked.addAll(instances);
		}
		return null;
	}

	private void completed(Queued queued, String address, PeerAnswer answer) {
		Outcome outcome;
		try {
			outcome = this.dependencies.handler().handle(this, address, queued.op, answer);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to handle the answer of " + address + " to " + queued.op.describe(), ex);
			outcome = Outcome.PERMANENT;
		}
		Counter.builder("discovery.replication.requests")
			.description("Replication requests sent, by action and outcome")
			.tag("peer", this.name)
			.tag("action", queued.op.action().name().toLowerCase())
			.tag("outcome", outcome.name().toLowerCase())
			.register(this.dependencies.meters())
			.increment();
		synchronized (this.lock) {
			this.requestsInFlight--;
			this.busyInstances.removeAll(queued.op.instances());
			if (outcome == Outcome.TRANSIENT && !this.closed) {
				failed(queued, address, answer);
			}
			else {
				if (outcome == Outcome.SUCCESS) {
					this.delivery.record(Math.max(0, now() - queued.enqueuedAt), TimeUnit.MILLISECONDS);
				}
				else {
					rejected(queued, address, answer);
				}
				if (this.consecutiveFailures > 0 && answer.isAlive()) {
					logger.info("Replication to " + this.name + " recovered after " + this.consecutiveFailures
							+ " failed attempt(s); " + this.queue.size() + " change(s) pending");
					this.consecutiveFailures = 0;
				}
			}
			this.lock.notifyAll();
		}
		pump();
	}

	private void failed(Queued queued, String address, PeerAnswer answer) {
		if (!this.byKey.containsKey(queued.op.key())) {
			// Back to its place; a newer operation with the same key supersedes it.
			this.queue.put(queued.seq, queued);
			this.byKey.put(queued.op.key(), queued);
		}
		this.consecutiveFailures++;
		long backoff = backoff(this.consecutiveFailures);
		this.pausedUntil = now() + backoff;
		if (this.consecutiveFailures == 1) {
			logger.warn("Replication to " + this.name + " (" + address + ") failed: " + answer.describe() + "; "
					+ this.queue.size() + " change(s) pending, retrying with backoff");
		}
		if (this.addresses.size() > 1) {
			// Another node of that zone may be up.
			this.target = (this.target + 1) % this.addresses.size();
		}
		if (this.resume == null) {
			this.resume = this.dependencies.scheduler().schedule(this::resume, Instant.ofEpochMilli(this.pausedUntil));
		}
	}

	private void rejected(Queued queued, String address, PeerAnswer answer) {
		long now = now();
		if (now - this.lastRejectLog > LOG_INTERVAL_MILLIS) {
			this.lastRejectLog = now;
			logger.warn(address + " rejected " + queued.op.describe() + " (" + answer.describe()
					+ "); not retried (further rejections within 10 s are only counted)");
		}
	}

	private void resume() {
		synchronized (this.lock) {
			this.resume = null;
			this.pausedUntil = 0;
		}
		pump();
	}

	private long backoff(int failures) {
		long initial = this.settings.initialBackoff().toMillis();
		long max = this.settings.maxBackoff().toMillis();
		long exponential = initial << Math.min(failures - 1, 20);
		long capped = Math.max(1, Math.min(max, exponential));
		// Jitter spreads the retries of several nodes towards one returning peer.
		return capped / 2 + this.dependencies.random().nextLong(capped / 2 + 1);
	}

	private String currentTarget() {
		return this.addresses.isEmpty() ? "" : this.addresses.get(this.target % this.addresses.size());
	}

	private long now() {
		return this.dependencies.clock().millis();
	}

	private static ReplicationOp.Key registerKey(ReplicationOp.Key key) {
		return new ReplicationOp.Key(ReplicationOp.Action.REGISTER, key.env(), key.appid(), key.zone(), key.name());
	}

	/**
	 * How a request ended.
	 */
	enum Outcome {

		/** Accepted (or nothing left to do). */
		SUCCESS,

		/** The peer did not answer usably; retry later. */
		TRANSIENT,

		/** The peer answered and refused; retrying would not help. */
		PERMANENT

	}

	/**
	 * Reacts to a peer's answer: status bookkeeping, conflict follow-ups, classification.
	 */
	interface AnswerHandler {

		Outcome handle(PeerChannel channel, String address, ReplicationOp op, PeerAnswer answer);

		tools.jackson.databind.json.JsonMapper mapper();

	}

	/**
	 * Tuning of a channel.
	 *
	 * @param queueCapacity most queued operations
	 * @param maxInFlight most concurrent requests
	 * @param initialBackoff first pause after a failure
	 * @param maxBackoff longest pause
	 */
	record Settings(int queueCapacity, int maxInFlight, Duration initialBackoff, Duration maxBackoff) {

	}

	/**
	 * What a channel uses.
	 *
	 * @param client sends the requests
	 * @param handler reacts to answers
	 * @param scheduler schedules retries
	 * @param clock time source
	 * @param random picks targets and jitter
	 * @param meters receives the channel's meters
	 */
	record Dependencies(PeerClient client, AnswerHandler handler, TaskScheduler scheduler, Clock clock, Random random,
			MeterRegistry meters) {

	}

	/**
	 * A queued operation with its place and age.
	 */
	private static final class Queued {

		private ReplicationOp op;

		private final long seq;

		private final long enqueuedAt;

		Queued(ReplicationOp op, long seq, long enqueuedAt) {
			this.op = op;
			this.seq = seq;
			this.enqueuedAt = enqueuedAt;
		}

	}

}

package dev.discovery.server.replication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * Sends the changes for one destination (a peer of this zone, or one other zone) in
 * order, without blocking the caller (D13).
 * <p>
 * The {@link ReplicationQueue} coalesces the changes and decides which may leave: several
 * requests may be in flight, but never two touching the same instance, so each instance's
 * changes arrive in order. A transient failure puts the change back in its place and
 * pauses the destination with {@link Backoff exponential backoff}; while it recovers only
 * one request is in flight, so a returning peer is not flooded. An other-zone destination
 * moves to the next node of that zone after a failure.
 */
final class PeerChannel implements PeerChannelMeters.Backlog {

	private static final Log logger = LogFactory.getLog(PeerChannel.class);

	private static final long LOG_INTERVAL_MILLIS = 10_000;

	private final String name;

	private final boolean localPeer;

	private final PeerReplicator.Settings settings;

	private final Dependencies dependencies;

	private final Object lock = new Object();

	private final ReplicationQueue queue;

	private final Backoff backoff;

	private final PeerChannelMeters meters;

	private final PeerAddresses addresses;

	private @Nullable ScheduledFuture<?> resume;

	private boolean closed;

	private long lastDropLog;

	private long lastRejectLog;

	PeerChannel(String name, boolean localPeer, List<String> addresses, PeerReplicator.Settings settings,
			Dependencies dependencies) {
		this.name = name;
		this.localPeer = localPeer;
		this.settings = settings;
		this.dependencies = dependencies;
		this.queue = new ReplicationQueue(settings.queueCapacity());
		this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), dependencies.clock(),
				dependencies.random());
		this.addresses = new PeerAddresses(addresses, dependencies.random());
		this.meters = new PeerChannelMeters(name, this, dependencies.meters());
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
			ReplicationQueue.Offer offer = this.queue.offer(op, now());
			if (offer == ReplicationQueue.Offer.DROPPED) {
				dropped(op);
				return false;
			}
			if (offer != ReplicationQueue.Offer.QUEUED) {
				// Merged into a change that already waits its turn: nothing new to send.
				return true;
			}
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
			this.addresses.replace(addresses);
		}
		pump();
	}

	/**
	 * Number of queued operations, in-flight ones excluded.
	 */
	@Override
	public int depth() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	/**
	 * Whether nothing is queued or in flight.
	 */
	boolean isIdle() {
		synchronized (this.lock) {
			return this.queue.isIdle();
		}
	}

	@Override
	public double lagSeconds() {
		synchronized (this.lock) {
			return this.queue.lagMillis(now()) / 1000.0;
		}
	}

	/**
	 * Waits until the channel is idle or the deadline passed.
	 * @param deadline the clock millis to stop waiting at
	 */
	void awaitIdle(long deadline) throws InterruptedException {
		synchronized (this.lock) {
			long remaining = deadline - now();
			while (!this.closed && !this.queue.isIdle() && remaining > 0) {
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
			ScheduledFuture<?> pending = this.resume;
			if (pending != null) {
				pending.cancel(false);
			}
			this.lock.notifyAll();
		}
		this.meters.close();
	}

	void pump() {
		List<ReplicationQueue.Entry> batch = new ArrayList<>();
		String address;
		synchronized (this.lock) {
			if (this.closed || this.addresses.isEmpty() || this.backoff.isPaused()) {
				return;
			}
			// While recovering only one request is in flight, so a returning peer is not
			// flooded.
			int limit = this.backoff.isRecovering() ? 1 : this.settings.maxInFlight();
			while (this.queue.inFlight() < limit) {
				ReplicationQueue.Entry next = this.queue.take();
				if (next == null) {
					break;
				}
				batch.add(next);
			}
			address = this.addresses.current();
		}
		for (ReplicationQueue.Entry entry : batch) {
			ReplicationOp op = entry.op();
			this.dependencies.client()
				.send(address, op, this.localPeer)
				.thenAccept((answer) -> completed(entry, address, answer));
		}
	}

	private void completed(ReplicationQueue.Entry entry, String address, PeerAnswer answer) {
		Outcome outcome;
		try {
			outcome = this.dependencies.handler().handle(this, address, entry.op(), answer);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to handle the answer of " + address + " to " + entry.op().describe(), ex);
			outcome = Outcome.PERMANENT;
		}
		this.meters.requested(entry.op().action(), outcome);
		synchronized (this.lock) {
			if (outcome == Outcome.TRANSIENT && !this.closed) {
				this.queue.retry(entry);
				failed(address, answer);
			}
			else {
				this.queue.complete(entry);
				if (outcome == Outcome.SUCCESS) {
					this.meters.delivered(Duration.ofMillis(Math.max(0, now() - entry.enqueuedAt())));
				}
				else {
					rejected(entry.op(), address, answer);
				}
				if (this.backoff.isRecovering() && answer.isAlive()) {
					logger.info("Replication to " + this.name + " recovered after " + this.backoff.failures()
							+ " failed attempt(s); " + this.queue.size() + " change(s) pending");
					this.backoff.reset();
				}
			}
			this.lock.notifyAll();
		}
		pump();
	}

	private void failed(String address, PeerAnswer answer) {
		Instant pausedUntil = this.backoff.failed();
		if (this.backoff.failures() == 1) {
			logger.warn("Replication to " + this.name + " (" + address + ") failed: " + answer.describe() + "; "
					+ this.queue.size() + " change(s) pending, retrying with backoff");
		}
		this.addresses.next();
		if (this.resume == null) {
			this.resume = this.dependencies.scheduler().schedule(this::resume, pausedUntil);
		}
	}

	private void dropped(ReplicationOp op) {
		this.meters.dropped();
		long now = now();
		if (now - this.lastDropLog > LOG_INTERVAL_MILLIS) {
			this.lastDropLog = now;
			logger.warn("Replication queue for " + this.name + " is full (" + this.queue.size() + "); dropping "
					+ op.describe() + " (renews repair it later)");
		}
	}

	private void rejected(ReplicationOp op, String address, PeerAnswer answer) {
		long now = now();
		if (now - this.lastRejectLog > LOG_INTERVAL_MILLIS) {
			this.lastRejectLog = now;
			logger.warn(address + " rejected " + op.describe() + " (" + answer.describe()
					+ "); not retried (further rejections within 10 s are only counted)");
		}
	}

	/**
	 * Ends a pause at once: the peer is known to answer again.
	 */
	void resumeNow() {
		synchronized (this.lock) {
			ScheduledFuture<?> pending = this.resume;
			if (pending != null) {
				pending.cancel(false);
				this.resume = null;
			}
			this.backoff.resume();
		}
		pump();
	}

	private void resume() {
		synchronized (this.lock) {
			this.resume = null;
			this.backoff.resume();
		}
		pump();
	}

	private long now() {
		return this.dependencies.clock().millis();
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

}

package dev.discovery.server.replication;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The bounded, ordered queue of changes for one destination, with the instances of the
 * changes in flight (D13). Not thread-safe: its {@link PeerChannel} guards it.
 * <p>
 * Changes with the same {@link ReplicationOp#key() key} are coalesced: the latest renew
 * of an instance replaces the pending one in place, a pending register makes a renew
 * unnecessary (it renews the lease on the peer too), and any other repeat moves to the
 * tail. {@link #take()} never hands out a change touching an instance that is in flight
 * or that an older queued change touches, so each instance's changes arrive in order.
 */
final class ReplicationQueue {

	// Bounds the work of one take() when the head is blocked by busy instances.
	static final int SCAN_LIMIT = 256;

	private final int capacity;

	private final TreeMap<Long, Entry> queue = new TreeMap<>();

	private final Map<ReplicationOp.Key, Entry> byKey = new HashMap<>();

	private final Set<ReplicationOp.Key> busyInstances = new HashSet<>();

	private int inFlight;

	private long nextSeq;

	/**
	 * Creates an empty queue.
	 * @param capacity most queued changes, in-flight ones excluded
	 */
	ReplicationQueue(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Queues a change.
	 * @param op the change
	 * @param now when it was queued, in clock millis
	 * @return what became of it
	 */
	Offer offer(ReplicationOp op, long now) {
		ReplicationOp.Key key = op.key();
		Entry existing = this.byKey.get(key);
		if (existing != null && op.action() == ReplicationOp.Action.RENEW) {
			put(new Entry(op, existing.seq(), existing.enqueuedAt()));
			return Offer.REPLACED;
		}
		if (existing != null) {
			this.queue.remove(existing.seq());
			this.byKey.remove(key);
		}
		else if (op.action() == ReplicationOp.Action.RENEW && this.byKey.containsKey(registerKey(key))) {
			return Offer.COVERED;
		}
		else if (this.queue.size() >= this.capacity) {
			return Offer.DROPPED;
		}
		put(new Entry(op, this.nextSeq++, now));
		return Offer.QUEUED;
	}

	/**
	 * Removes the oldest change whose instances are free and marks them busy until it is
	 * {@link #complete completed} or {@link #retry retried}.
	 * @return the change, {@code null} when none may be sent now
	 */
	@Nullable Entry take() {
		Entry next = nextEligible();
		if (next != null) {
			this.queue.remove(next.seq());
			this.byKey.remove(next.op().key());
			this.busyInstances.addAll(next.op().instances());
			this.inFlight++;
		}
		return next;
	}

	/**
	 * Frees the instances of a change that was taken and is done with.
	 * @param entry the change
	 */
	void complete(Entry entry) {
		this.inFlight--;
		this.busyInstances.removeAll(entry.op().instances());
	}

	/**
	 * Frees the instances of a change that was taken and puts it back in its place,
	 * unless a newer change with the same key supersedes it. The bound is not checked:
	 * the change had its place already.
	 * @param entry the change
	 */
	void retry(Entry entry) {
		complete(entry);
		if (!this.byKey.containsKey(entry.op().key())) {
			put(entry);
		}
	}

	/**
	 * Number of queued changes, in-flight ones excluded.
	 */
	int size() {
		return this.queue.size();
	}

	/**
	 * Number of changes taken and not yet completed or retried.
	 */
	int inFlight() {
		return this.inFlight;
	}

	/**
	 * Whether nothing is queued or in flight.
	 */
	boolean isIdle() {
		return this.queue.isEmpty() && this.inFlight == 0;
	}

	/**
	 * Age of the oldest queued change.
	 * @param now the clock millis to measure at
	 * @return milliseconds, 0 when nothing is queued
	 */
	long lagMillis(long now) {
		if (this.queue.isEmpty()) {
			return 0;
		}
		return Math.max(0, now - this.queue.firstEntry().getValue().enqueuedAt());
	}

	/**
	 * Drops every queued change; in-flight ones stay counted until completed.
	 */
	void clear() {
		this.queue.clear();
		this.byKey.clear();
	}

	private void put(Entry entry) {
		this.queue.put(entry.seq(), entry);
		this.byKey.put(entry.op().key(), entry);
	}

	private @Nullable Entry nextEligible() {
		Set<ReplicationOp.Key> blocked = null;
		int scanned = 0;
		for (Entry candidate : this.queue.values()) {
			if (++scanned > SCAN_LIMIT) {
				return null;
			}
			List<ReplicationOp.Key> instances = candidate.op().instances();
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
			// Later changes to these instances must wait for this one.
			blocked = (blocked != null) ? blocked : new HashSet<>();
			blocked.addAll(instances);
		}
		return null;
	}

	private static ReplicationOp.Key registerKey(ReplicationOp.Key key) {
		return new ReplicationOp.Key(ReplicationOp.Action.REGISTER, key.env(), key.appid(), key.zone(), key.name());
	}

	/**
	 * What {@link #offer} did with a change.
	 */
	enum Offer {

		/** Added at the tail (a repeat of a pending change moved there). */
		QUEUED,

		/** A renew that replaced the pending renew of its instance in place. */
		REPLACED,

		/** A renew left out because a register of its instance is pending. */
		COVERED,

		/** Not queued because the queue is full. */
		DROPPED

	}

	/**
	 * A queued change with its place and age.
	 *
	 * @param op the change
	 * @param seq its place in the queue
	 * @param enqueuedAt when the first change it coalesces was queued, in clock millis
	 */
	record Entry(ReplicationOp op, long seq, long enqueuedAt) {

	}

}

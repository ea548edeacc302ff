package dev.discovery.server.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Cancels remembered for a while, so that a stale copy of a cancelled instance (a delayed
 * register from another node, a peer's older copy) cannot bring it back: a copy whose
 * {@code dirty_timestamp} is not newer than the cancel is refused (docs/cluster.md,
 * "Ordering"). Kept apart from the live registry: a tombstone is not an instance and
 * never shows in an answer.
 */
public final class Tombstones {

	private final Map<InstanceKey, Tombstone> cancels = new ConcurrentHashMap<>();

	private final Clock clock;

	private final long retentionMillis;

	private final int capacity;

	private final AtomicInteger sinceSweep = new AtomicInteger();

	/**
	 * Creates the store.
	 * @param clock time source of the retention
	 * @param retention how long a cancel is remembered (at least a lease)
	 * @param capacity most cancels remembered; the oldest are forgotten first when full
	 */
	public Tombstones(Clock clock, Duration retention, int capacity) {
		this.clock = clock;
		this.retentionMillis = retention.toMillis();
		this.capacity = capacity;
	}

	/**
	 * The version of a remembered cancel.
	 * @param key the instance
	 * @return the cancel's version, 0 when none is remembered
	 */
	public long version(InstanceKey key) {
		Tombstone tombstone = this.cancels.get(key);
		if (tombstone == null) {
			return 0;
		}
		if (tombstone.forgetAt() < this.clock.millis()) {
			this.cancels.remove(key, tombstone);
			return 0;
		}
		return tombstone.version();
	}

	/**
	 * Remembers a cancel; a newer one already remembered is kept.
	 * @param key the instance
	 * @param version the cancel's version
	 */
	public void record(InstanceKey key, long version) {
		long forgetAt = this.clock.millis() + this.retentionMillis;
		this.cancels.merge(key, new Tombstone(version, forgetAt),
				(old, added) -> (old.version() > added.version()) ? old : added);
		if (this.sinceSweep.incrementAndGet() >= 1024 || this.cancels.size() > this.capacity) {
			sweep();
		}
	}

	/**
	 * Forgets a cancel that a newer register has overtaken.
	 * @param key the instance
	 * @param version the version of the cancel to forget; a newer one is kept
	 */
	public void forget(InstanceKey key, long version) {
		this.cancels.computeIfPresent(key, (k, old) -> (old.version() <= version) ? null : old);
	}

	/**
	 * Visits every remembered cancel.
	 * @param visitor receives the instance and the cancel's version
	 */
	public void forEach(BiConsumer<InstanceKey, Long> visitor) {
		long now = this.clock.millis();
		this.cancels.forEach((key, tombstone) -> {
			if (tombstone.forgetAt() >= now) {
				visitor.accept(key, tombstone.version());
			}
		});
	}

	/**
	 * Number of cancels remembered.
	 * @return the count
	 */
	public int size() {
		return this.cancels.size();
	}

	private synchronized void sweep() {
		this.sinceSweep.set(0);
		long now = this.clock.millis();
		this.cancels.values().removeIf((tombstone) -> tombstone.forgetAt() < now);
		int excess = this.cancels.size() - this.capacity;
		if (excess > 0) {
			// Rare (a cancel storm beyond the capacity): forget the oldest.
			this.cancels.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a.forgetAt(), b.forgetAt())))
				.limit(excess)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(this.cancels::remove);
		}
	}

	/**
	 * Identity of one instance.
	 *
	 * @param env deploy environment
	 * @param appid service name
	 * @param zone zone
	 * @param hostname instance
	 */
	public record InstanceKey(String env, String appid, String zone, String hostname) {

	}

	private record Tombstone(long version, long forgetAt) {

	}

}

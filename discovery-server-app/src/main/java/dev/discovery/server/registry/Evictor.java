package dev.discovery.server.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.discovery.protocol.Timestamps;

/**
 * Removes instances whose lease expired (docs/wire-protocol.md §6). Called once a minute;
 * a test calls {@link #evict()} after moving a fake clock.
 */
public final class Evictor {

	private final Registry registry;

	private final Clock clock;

	private final RandomGenerator random;

	private final long leaseNanos;

	private final long ceilingNanos;

	private final double renewalPercentThreshold;

	/**
	 * Creates an evictor.
	 * @param registry the registry to clean
	 * @param clock source of now
	 * @param random picks which expired instances go first
	 * @param leaseDuration silence after which an instance expires (90 s)
	 * @param ceiling silence after which an instance expires even in self-preservation
	 * (3600 s)
	 * @param renewalPercentThreshold share of the registry that must stay (0.85)
	 */
	public Evictor(Registry registry, Clock clock, RandomGenerator random, Duration leaseDuration, Duration ceiling,
			double renewalPercentThreshold) {
		this.registry = registry;
		this.clock = clock;
		this.random = random;
		this.leaseNanos = leaseDuration.toNanos();
		this.ceilingNanos = ceiling.toNanos();
		this.renewalPercentThreshold = renewalPercentThreshold;
	}

	/**
	 * Closes the guard's minute and evicts expired instances.
	 * @return the number of instances evicted
	 */
	public int evict() {
		boolean protect = this.registry.guard().tick();
		long now = Timestamps.nanos(this.clock);
		List<Lease> expired = new ArrayList<>();
		int[] size = { 0 };
		this.registry.forEachLease((lease) -> {
			size[0]++;
			long silence = now - lease.renewTimestamp();
			// Self-preservation suspends the normal lease, but an instance silent for an
			// hour is gone whatever the network does.
			if ((!protect && silence > this.leaseNanos) || silence > this.ceilingNanos) {
				expired.add(lease);
			}
		});
		// Never evict more than the share of the registry that self-preservation would
		// allow to disappear in one pass: a partitioned node must not wipe itself out at
		// once.
		int limit = size[0] - (int) (size[0] * this.renewalPercentThreshold);
		int count = Math.min(expired.size(), limit);
		int evicted = 0;
		for (int n = 0; n < count; n++) {
			// Partial Fisher-Yates: a uniformly random subset, so one app is not wiped
			// out before the others.
			int pick = n + this.random.nextInt(expired.size() - n);
			Lease chosen = expired.get(pick);
			expired.set(pick, expired.get(n));
			if (this.registry.evict(chosen, now)) {
				evicted++;
			}
		}
		return evicted;
	}

}

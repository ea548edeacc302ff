package dev.discovery.server.registry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Eureka-style self-preservation (docs/wire-protocol.md §6): when fewer renews than
 * expected arrived in the last minute, the node assumes a network problem rather than
 * mass death and stops evicting (up to the hard ceiling that the evictor applies).
 */
public final class SelfPreservationGuard {

	/** Every instance is expected to renew twice a minute (every 30 s). */
	private static final int RENEWS_PER_MINUTE = 2;

	private final double renewalPercentThreshold;

	private final AtomicLong expectedPerMinute = new AtomicLong();

	private final AtomicLong renewsThisMinute = new AtomicLong();

	private volatile long renewsLastMinute;

	private volatile boolean protecting;

	public SelfPreservationGuard(double renewalPercentThreshold) {
		this.renewalPercentThreshold = renewalPercentThreshold;
	}

	void instanceAdded() {
		this.expectedPerMinute.addAndGet(RENEWS_PER_MINUTE);
	}

	void instanceCancelled() {
		this.expectedPerMinute.updateAndGet((e) -> Math.max(0, e - RENEWS_PER_MINUTE));
	}

	void renewed() {
		this.renewsThisMinute.incrementAndGet();
	}

	/**
	 * Resets the expectation from the real instance count; corrects drift from evictions.
	 * @param instances number of instances in the registry
	 */
	public void resetExpected(long instances) {
		this.expectedPerMinute.set(RENEWS_PER_MINUTE * instances);
	}

	/**
	 * Closes the current minute and tells whether the node is now protecting its
	 * registry.
	 * @return {@code true} when last minute's renews fell below the threshold
	 */
	public boolean tick() {
		this.renewsLastMinute = this.renewsThisMinute.getAndSet(0);
		this.protecting = this.renewsLastMinute < threshold();
		return this.protecting;
	}

	/**
	 * Whether the last closed minute had fewer renews than the threshold; {@code false}
	 * until the first minute closed.
	 * @return {@code true} in self-preservation mode
	 */
	public boolean isProtected() {
		return this.protecting;
	}

	/**
	 * Renews expected per minute.
	 * @return the expectation
	 */
	public long expectedPerMinute() {
		return this.expectedPerMinute.get();
	}

	/**
	 * Minimum renews per minute to stay out of self-preservation.
	 * @return integer part of expected × threshold percentage
	 */
	public long threshold() {
		return (long) (this.expectedPerMinute.get() * this.renewalPercentThreshold);
	}

	/**
	 * Renews counted in the last closed minute.
	 * @return the renew count
	 */
	public long renewsLastMinute() {
		return this.renewsLastMinute;
	}

}

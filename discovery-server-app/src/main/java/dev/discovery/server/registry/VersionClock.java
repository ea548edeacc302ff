package dev.discovery.server.registry;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import dev.discovery.protocol.Timestamps;

/**
 * Issues the versions of this node's changes ({@code dirty_timestamp} of registers and
 * sets, the time of cancels): epoch nanoseconds that are strictly increasing and later
 * than every version this node has seen, even when a peer's clock is ahead or two changes
 * fall in the same clock tick (a hybrid logical clock). So a change a client makes after
 * another one that this node knows of always wins over it.
 */
public final class VersionClock {

	private final Clock clock;

	private final AtomicLong last = new AtomicLong();

	public VersionClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A new version.
	 * @return later than every version issued or observed before
	 */
	public long next() {
		long now = Timestamps.nanos(this.clock);
		return this.last.accumulateAndGet(now, (previous, wall) -> Math.max(previous + 1, wall));
	}

	/**
	 * Records a version received from elsewhere, so that later local changes are newer.
	 * @param version the received version
	 */
	public void observe(long version) {
		this.last.accumulateAndGet(version, Math::max);
	}

}

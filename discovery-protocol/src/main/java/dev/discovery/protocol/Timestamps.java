package dev.discovery.protocol;

import java.time.Clock;
import java.time.Instant;

/**
 * Epoch-nanosecond timestamps as used on the wire (docs/wire-protocol.md §2.4); kept as
 * {@code long} end to end because they exceed 2^53.
 */
public final class Timestamps {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private Timestamps() {
	}

	/**
	 * The current time of a clock in epoch nanoseconds.
	 * @param clock the clock
	 * @return nanoseconds since the epoch
	 */
	public static long nanos(Clock clock) {
		return nanos(clock.instant());
	}

	/**
	 * An instant in epoch nanoseconds.
	 * @param instant the instant
	 * @return nanoseconds since the epoch
	 */
	public static long nanos(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
	}

}

package dev.discovery.protocol.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when a test says so; the one fake clock of every module's tests
 * (shipped in discovery-protocol's test jar).
 */
public final class MutableClock extends Clock {

	/** Where a clock created without a start instant starts. */
	public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

	private volatile Instant now;

	/**
	 * A clock at {@link #DEFAULT_START}.
	 */
	public MutableClock() {
		this(DEFAULT_START);
	}

	/**
	 * A clock at an instant.
	 * @param start the first instant it shows
	 */
	public MutableClock(Instant start) {
		this.now = start;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}

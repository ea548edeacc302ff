package dev.discovery.server.replication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Exponential backoff with jitter for one destination: each consecutive failure doubles
 * the pause up to a cap, and an answer from the peer ends the series. Not thread-safe:
 * its {@link PeerChannel} guards it.
 */
final class Backoff {

	private final long initialMillis;

	private final long maxMillis;

	private final Clock clock;

	private final Random random;

	private int failures;

	private long pausedUntil;

	/**
	 * Creates a backoff that is not paused.
	 * @param initial first pause
	 * @param max longest pause
	 * @param clock time source
	 * @param random jitter source
	 */
	Backoff(Duration initial, Duration max, Clock clock, Random random) {
		this.initialMillis = initial.toMillis();
		this.maxMillis = max.toMillis();
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Counts a failure and pauses for the next step of the series.
	 * @return when the pause ends
	 */
	Instant failed() {
		this.failures++;
		this.pausedUntil = this.clock.millis() + pause(this.failures);
		return Instant.ofEpochMilli(this.pausedUntil);
	}

	/**
	 * Whether the pause of the last failure still runs.
	 */
	boolean isPaused() {
		return this.clock.millis() < this.pausedUntil;
	}

	/**
	 * Ends the pause early (its timer fired); the failure count stays, so the next
	 * failure pauses longer.
	 */
	void resume() {
		this.pausedUntil = 0;
	}

	/**
	 * Number of failures since the last {@link #reset()}.
	 */
	int failures() {
		return this.failures;
	}

	/**
	 * Whether failures were counted since the last {@link #reset()}, i.e. the destination
	 * is recovering.
	 */
	boolean isRecovering() {
		return this.failures > 0;
	}

	/**
	 * Ends the series: the next failure pauses for the initial time again. A running
	 * pause is not shortened.
	 */
	void reset() {
		this.failures = 0;
	}

	private long pause(int failures) {
		long exponential = this.initialMillis << Math.min(failures - 1, 20);
		long capped = Math.max(1, Math.min(this.maxMillis, exponential));
		// Jitter spreads the retries of several nodes towards one returning peer.
		return capped / 2 + this.random.nextLong(capped / 2 + 1);
	}

}

package dev.discovery.server.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import dev.discovery.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Backoff} on a fake clock.
 */
class BackoffTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final Backoff longest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), this.clock,
			new FixedJitter(true));

	@Test
	void newBackoffIsNotPaused() {
		assertThat(this.longest.isPaused()).isFalse();
		assertThat(this.longest.isRecovering()).isFalse();
	}

	@Test
	void pauseDoublesWithEachConsecutiveFailure() {
		assertThat(pauses(this.longest, 4)).containsExactly(100L, 200L, 400L, 800L);
	}

	@Test
	void pauseStopsGrowingAtTheCap() {
		assertThat(pauses(this.longest, 7)).endsWith(800L, 1000L, 1000L, 1000L);
	}

	@Test
	void pauseStaysCappedAfterManyFailures() {
		pauses(this.longest, 100);

		assertThat(pauses(this.longest, 1)).containsExactly(1000L);
	}

	@Test
	void jitterShortensThePauseToHalfAtMost() {
		Backoff shortest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), this.clock,
				new FixedJitter(false));

		assertThat(pauses(shortest, 5)).containsExactly(50L, 100L, 200L, 400L, 500L);
	}

	@Test
	void pauseEndsWhenItsTimeHasPassed() {
		this.longest.failed();

		this.clock.advance(Duration.ofMillis(99));
		assertThat(this.longest.isPaused()).isTrue();

		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.longest.isPaused()).isFalse();
	}

	@Test
	void resumeEndsThePauseButKeepsCountingFailures() {
		this.longest.failed();

		this.longest.resume();

		assertThat(this.longest.isPaused()).isFalse();
		assertThat(this.longest.failures()).isOne();
		assertThat(pauses(this.longest, 1)).containsExactly(200L);
	}

	@Test
	void resetStartsTheSeriesAgain() {
		pauses(this.longest, 3);

		this.longest.reset();

		assertThat(this.longest.isRecovering()).isFalse();
		assertThat(pauses(this.longest, 1)).containsExactly(100L);
	}

	@Test
	void resetDoesNotShortenARunningPause() {
		this.longest.failed();

		this.longest.reset();

		assertThat(this.longest.isPaused()).isTrue();
	}

	@Test
	void zeroPauseRetriesAtOnce() {
		Backoff none = new Backoff(Duration.ZERO, Duration.ZERO, this.clock, new FixedJitter(true));

		assertThat(pauses(none, 2)).containsExactly(0L, 0L);
	}

	/**
	 * The pauses of the next failures, each measured from the clock's current time.
	 */
	private long[] pauses(Backoff backoff, int failures) {
		long[] pauses = new long[failures];
		for (int i = 0; i < failures; i++) {
			Instant now = this.clock.instant();
			pauses[i] = Duration.between(now, backoff.failed()).toMillis();
		}
		return pauses;
	}

	/**
	 * Jitter that always picks the longest or the shortest pause.
	 */
	private static final class FixedJitter extends Random {

		private final boolean longest;

		FixedJitter(boolean longest) {
			this.longest = longest;
		}

		@Override
		public long nextLong(long bound) {
			return this.longest ? bound - 1 : 0;
		}

	}

}

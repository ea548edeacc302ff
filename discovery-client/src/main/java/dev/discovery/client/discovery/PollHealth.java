package dev.discovery.client.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * How well the client reaches the discovery servers: when a node last answered, the last
 * failure and how many polls failed in a row. Fed by the poll loop and by first lookups;
 * read by health, metrics and the actuator endpoint.
 */
public class PollHealth {

	private final Clock clock;

	private final AtomicBoolean contacted = new AtomicBoolean();

	private final List<Runnable> firstContactListeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lastPollAnswer;

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastError;

	private volatile int consecutiveFailures;

	/**
	 * Create the record of a client that reached no node yet.
	 * @param clock the clock
	 */
	public PollHealth(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Run a task once, when a node answers for the first time (at once if one already
	 * did).
	 * @param listener the task
	 */
	public void onFirstContact(Runnable listener) {
		this.firstContactListeners.add(listener);
		if (this.contacted.get() && this.firstContactListeners.remove(listener)) {
			listener.run();
		}
	}

	/**
	 * A node answered a request (a poll or a first fetch).
	 */
	public void contacted() {
		this.lastSuccess = this.clock.instant();
		if (this.contacted.compareAndSet(false, true)) {
			for (Runnable listener : this.firstContactListeners) {
				if (this.firstContactListeners.remove(listener)) {
					listener.run();
				}
			}
		}
	}

	/**
	 * A node answered a poll usefully (changes or -304).
	 * @return whether polls had failed more than once before, so recovery is worth a log
	 * line
	 */
	Instant now() {
		return this.clock.instant();
	}

	boolean pollAnswered() {
		boolean recovered = this.consecutiveFailures > 1;
		this.consecutiveFailures = 0;
		this.lastPollAnswer = this.clock.instant();
		contacted();
		return recovered;
	}

	/**
	 * A poll failed.
	 * @param message what went wrong
	 * @return the number of polls failed in a row, this one included
	 */
	int pollFailed(String message) {
		this.lastFailure = this.clock.instant();
		this.lastError = message;
		return ++this.consecutiveFailures;
	}

	/**
	 * When a node last answered a poll with a usable answer (changes or -304).
	 * @return the instant, {@code null} before the first answer
	 */
	public @Nullable Instant lastPollAnswer() {
		return this.lastPollAnswer;
	}

	/**
	 * Polls failed since the last success.
	 * @return the count
	 */
	public int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	PollStatus status(boolean running, List<String> watched, URI currentNode) {
		return new PollStatus(running, watched, this.lastSuccess, this.lastPollAnswer, this.lastFailure, this.lastError,
				this.consecutiveFailures, currentNode);
	}

}

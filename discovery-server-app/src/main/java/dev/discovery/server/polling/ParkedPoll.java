package dev.discovery.server.polling;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.discovery.server.registry.AppKey;
import org.jspecify.annotations.Nullable;

/**
 * One long-poll request waiting for a change: exactly one per HTTP request (never shared
 * by hostname, unlike the reference), answered at most once, released on answer, timeout
 * or client disconnect.
 */
public final class ParkedPoll implements AutoCloseable {

	private final CompletableFuture<PollAnswer> answer = new CompletableFuture<>();

	private final AtomicBoolean released = new AtomicBoolean();

	private final PollHub hub;

	private final List<AppKey> keys;

	private final @Nullable String zone;

	private final List<String> missing;

	ParkedPoll(PollHub hub, List<AppKey> keys, @Nullable String zone, List<String> missing) {
		this.hub = hub;
		this.keys = keys;
		this.zone = zone;
		this.missing = missing;
	}

	/**
	 * Completes when a requested app changes; never completes exceptionally.
	 * @return the future answer
	 */
	public CompletableFuture<PollAnswer> answer() {
		return this.answer;
	}

	List<AppKey> keys() {
		return this.keys;
	}

	@Nullable String zone() {
		return this.zone;
	}

	List<String> missing() {
		return this.missing;
	}

	void deliver(PollAnswer answer) {
		if (this.answer.complete(answer)) {
			close();
		}
	}

	/**
	 * Stops waiting (timeout or disconnect); idempotent.
	 */
	@Override
	public void close() {
		if (this.released.compareAndSet(false, true)) {
			this.hub.release(this);
		}
	}

}

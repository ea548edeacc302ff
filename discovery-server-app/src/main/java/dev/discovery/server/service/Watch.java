package dev.discovery.server.service;

import java.util.concurrent.CompletableFuture;

/**
 * A request waiting for a change (a long poll or a catalog watch), as the api layer holds
 * it: an answer that completes at most once and never exceptionally, and a
 * {@link #close()} for when the caller stops waiting (timeout or disconnect).
 *
 * @param <T> what the answer carries
 */
public final class Watch<T> implements AutoCloseable {

	private final CompletableFuture<T> answer;

	private final AutoCloseable release;

	Watch(CompletableFuture<T> answer, AutoCloseable release) {
		this.answer = answer;
		this.release = release;
	}

	/**
	 * Completes when the change arrives.
	 * @return the future answer
	 */
	public CompletableFuture<T> answer() {
		return this.answer;
	}

	/**
	 * Stops waiting; idempotent.
	 */
	@Override
	public void close() {
		try {
			this.release.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not release " + this.release, ex);
		}
	}

}

package dev.discovery.server.polling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One catalog watch request waiting for its env's app list to change: answered at most
 * once, released on answer, timeout or client disconnect.
 */
public final class CatalogPoll implements AutoCloseable {

	private final CompletableFuture<Catalog> answer = new CompletableFuture<>();

	private final AtomicBoolean released = new AtomicBoolean();

	private final CatalogHub hub;

	private final String env;

	CatalogPoll(CatalogHub hub, String env) {
		this.hub = hub;
		this.env = env;
	}

	/**
	 * Completes with the new catalog when the env's app list changes; never completes
	 * exceptionally.
	 * @return the future answer
	 */
	public CompletableFuture<Catalog> answer() {
		return this.answer;
	}

	String env() {
		return this.env;
	}

	void deliver(Catalog catalog) {
		if (this.answer.complete(catalog)) {
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

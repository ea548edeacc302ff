package dev.discovery.server.service;

import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;

/**
 * What a cancel did.
 *
 * @param result removed, not found, or refused because this node holds a newer copy
 * @param instance the removed instance or the newer copy kept; {@code null} when not
 * found
 */
public record CancelOutcome(Result result, @Nullable Instance instance) {

	/**
	 * What a cancel did.
	 */
	public enum Result {

		/** Removed. */
		REMOVED,

		/** Unknown instance. */
		NOT_FOUND,

		/** A peer's cancel older than this node's copy: the copy stays. */
		NEWER_COPY

	}

}

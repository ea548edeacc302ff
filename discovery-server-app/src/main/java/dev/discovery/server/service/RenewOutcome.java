package dev.discovery.server.service;

import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;

/**
 * Result of a renew: the business code and the local instance when it exists
 * (docs/wire-protocol.md §3.2).
 *
 * @param code OK, NOTHING_FOUND (unknown here, or the sender's copy is newer) or CONFLICT
 * (this node's copy is newer)
 * @param instance the local instance, {@code null} when unknown
 */
public record RenewOutcome(ErrorCode code, @Nullable Instance instance) {

}

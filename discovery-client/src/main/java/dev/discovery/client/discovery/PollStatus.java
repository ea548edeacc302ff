package dev.discovery.client.discovery;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the long-poll loop, for health and the actuator endpoint.
 *
 * @param running whether the loop runs
 * @param watched the apps being watched
 * @param lastSuccess when a node last answered a poll or a fetch, {@code null} if never
 * @param lastPollAnswer when a node last answered a poll with a usable answer (changes or
 * -304), {@code null} if never
 * @param lastFailure when a poll last failed, {@code null} if never
 * @param lastError message of the last failure, {@code null} if none
 * @param consecutiveFailures failed polls since the last success
 * @param currentNode the node polled now
 */
public record PollStatus(boolean running, List<String> watched, @Nullable Instant lastSuccess,
		@Nullable Instant lastPollAnswer, @Nullable Instant lastFailure, @Nullable String lastError,
		int consecutiveFailures, URI currentNode) {

}

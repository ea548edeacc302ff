package dev.discovery.server.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code set} operation on instances of one zone bucket.
 *
 * @param hostnames instances to change, in order
 * @param statuses one status per hostname, or {@code null} to keep statuses
 * @param metadata one metadata change per hostname (empty optional clears the metadata),
 * or {@code null} to keep metadata
 * @param timestamp the set time T in epoch nanoseconds
 */
public record SetChange(List<String> hostnames, @Nullable List<Integer> statuses,
		@Nullable List<Optional<Map<String, String>>> metadata, long timestamp) {

}

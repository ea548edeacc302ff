package dev.discovery.server.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code set} request (docs/wire-protocol.md §3.4).
 *
 * @param region region parameter (replicated as received)
 * @param zone zone bucket
 * @param env deploy environment
 * @param appid service name
 * @param hostnames instances to change
 * @param statuses one status per hostname, or empty
 * @param metadataTexts metadata parameters as received, or empty
 * @param metadata parsed metadata per hostname (empty optional clears), or empty
 * @param setTimestamp the {@code set_timestamp} parameter, 0 when absent
 */
public record SetCommand(String region, String zone, String env, String appid, List<String> hostnames,
		List<Integer> statuses, List<String> metadataTexts, List<Optional<Map<String, String>>> metadata,
		long setTimestamp) {

	/**
	 * The metadata updates, or {@code null} when the request carries none.
	 * @return the metadata list or {@code null}
	 */
	@Nullable List<Optional<Map<String, String>>> metadataOrNull() {
		return this.metadata.isEmpty() ? null : this.metadata;
	}

}

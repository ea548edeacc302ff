package dev.discovery.server.polling;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a long poll asks for: apps of one env, each with the {@code latest_timestamp} the
 * client last saw, optionally filtered to one zone.
 *
 * @param env deploy environment
 * @param appids requested apps in request order, without duplicates
 * @param timestamps client timestamp per app (same order), 0 when unknown
 * @param zone zone filter or {@code null} for all zones
 */
public record PollRequest(String env, List<String> appids, List<Long> timestamps, @Nullable String zone) {

	public PollRequest {
		appids = List.copyOf(appids);
		timestamps = List.copyOf(timestamps);
		if (appids.size() != timestamps.size()) {
			throw new IllegalArgumentException("One timestamp per appid is required");
		}
	}

}

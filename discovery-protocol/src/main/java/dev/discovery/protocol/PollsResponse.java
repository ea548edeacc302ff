package dev.discovery.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The map envelope of a polls answer: changed apps in {@code data}, missing apps under
 * {@code error."-404"}; a -304 answer has neither (docs/wire-protocol.md §3.8).
 *
 * @param code business code: 0 (changes), -304 (no change) or an error
 * @param message decimal code text or an error message
 * @param data appid to its current instances, only for changed apps
 * @param error code text to the appids it concerns ({@code "-404"} → unknown appids)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PollsResponse(int code, @Nullable String message, @Nullable Map<String, InstanceInfo> data,
		@Nullable Map<String, @Nullable List<String>> error) {

}

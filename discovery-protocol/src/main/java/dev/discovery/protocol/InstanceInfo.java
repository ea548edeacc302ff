package dev.discovery.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one app grouped by zone, as answered by fetch and poll
 * (docs/wire-protocol.md §2.6).
 *
 * @param instances zone to instances
 * @param scheduler zone scheduling config, object or array form (§7.2); {@code null} when
 * none
 * @param latestTimestamp the app's change version on the answering node
 */
@JsonPropertyOrder({ "instances", "scheduler", "latest_timestamp" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceInfo(Map<String, List<Instance>> instances,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object scheduler,
		@JsonProperty("latest_timestamp") long latestTimestamp) {

	/**
	 * Null-tolerant canonical constructor.
	 */
	public InstanceInfo {
		instances = (instances != null) ? instances : Map.of();
	}

}

package dev.discovery.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One registered instance as it travels on the wire (docs/wire-protocol.md §2.2); all
 * timestamps are epoch nanoseconds.
 *
 * @param region region, may be empty
 * @param zone availability zone
 * @param env deploy environment
 * @param appid service name
 * @param hostname instance id within the app
 * @param addrs {@code scheme://host:port} addresses
 * @param version free text
 * @param metadata free key/values; {@code null} when the instance has none
 * @param status {@link InstanceStatus#UP} or {@link InstanceStatus#WAITING}
 * @param regTimestamp when the answering node created the record
 * @param upTimestamp last time the status became UP
 * @param renewTimestamp last heartbeat seen by the answering node
 * @param dirtyTimestamp version of the instance data, used for conflict resolution
 * @param latestTimestamp instance-level change time
 */
@JsonPropertyOrder({ "region", "zone", "env", "appid", "hostname", "addrs", "version", "metadata", "status",
		"reg_timestamp", "up_timestamp", "renew_timestamp", "dirty_timestamp", "latest_timestamp" })
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Instance(String region, String zone, String env, String appid, String hostname, List<String> addrs,
		String version, @Nullable Map<String, String> metadata, int status,
		@JsonProperty("reg_timestamp") long regTimestamp, @JsonProperty("up_timestamp") long upTimestamp,
		@JsonProperty("renew_timestamp") long renewTimestamp, @JsonProperty("dirty_timestamp") long dirtyTimestamp,
		@JsonProperty("latest_timestamp") long latestTimestamp) {

	/**
	 * Null-tolerant canonical constructor: missing strings become empty, missing lists
	 * empty.
	 */
	public Instance {
		region = (region != null) ? region : "";
		zone = (zone != null) ? zone : "";
		env = (env != null) ? env : "";
		appid = (appid != null) ? appid : "";
		hostname = (hostname != null) ? hostname : "";
		addrs = (addrs != null) ? List.copyOf(addrs) : List.of();
		version = (version != null) ? version : "";
	}

	/**
	 * Whether this instance receives traffic.
	 * @return {@code true} when the status is UP
	 */
	@JsonIgnore
	public boolean isUp() {
		return this.status == InstanceStatus.UP;
	}

}

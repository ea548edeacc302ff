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
	 * A copy with other node-local timestamps; data and {@code dirty_timestamp} stay.
	 * @param reg the {@code reg_timestamp}
	 * @param up the {@code up_timestamp}
	 * @param renew the {@code renew_timestamp}
	 * @param latest the {@code latest_timestamp}
	 * @return the copy
	 */
	public Instance withTimestamps(long reg, long up, long renew, long latest) {
		return new Instance(this.region, this.zone, this.env, this.appid, this.hostname, this.addrs, this.version,
				this.metadata, this.status, reg, up, renew, this.dirtyTimestamp, latest);
	}

	/**
	 * A copy with another {@code dirty_timestamp}.
	 * @param dirty the {@code dirty_timestamp}
	 * @return the copy
	 */
	public Instance withDirtyTimestamp(long dirty) {
		return new Instance(this.region, this.zone, this.env, this.appid, this.hostname, this.addrs, this.version,
				this.metadata, this.status, this.regTimestamp, this.upTimestamp, this.renewTimestamp, dirty,
				this.latestTimestamp);
	}

	/**
	 * A copy with another {@code up_timestamp}.
	 * @param up the {@code up_timestamp}
	 * @return the copy
	 */
	public Instance withUpTimestamp(long up) {
		return withTimestamps(this.regTimestamp, up, this.renewTimestamp, this.latestTimestamp);
	}

	/**
	 * A copy with another {@code renew_timestamp}.
	 * @param renew the {@code renew_timestamp}
	 * @return the copy
	 */
	public Instance withRenewTimestamp(long renew) {
		return withTimestamps(this.regTimestamp, this.upTimestamp, renew, this.latestTimestamp);
	}

	/**
	 * A copy with other metadata.
	 * @param metadata the metadata, {@code null} for none
	 * @return the copy
	 */
	public Instance withMetadata(@Nullable Map<String, String> metadata) {
		return new Instance(this.region, this.zone, this.env, this.appid, this.hostname, this.addrs, this.version,
				metadata, this.status, this.regTimestamp, this.upTimestamp, this.renewTimestamp, this.dirtyTimestamp,
				this.latestTimestamp);
	}

	/**
	 * A copy with other addresses.
	 * @param addrs the addresses
	 * @return the copy
	 */
	public Instance withAddrs(List<String> addrs) {
		return new Instance(this.region, this.zone, this.env, this.appid, this.hostname, addrs, this.version,
				this.metadata, this.status, this.regTimestamp, this.upTimestamp, this.renewTimestamp,
				this.dirtyTimestamp, this.latestTimestamp);
	}

	/**
	 * A copy with another status.
	 * @param status the status
	 * @return the copy
	 */
	public Instance withStatus(int status) {
		return new Instance(this.region, this.zone, this.env, this.appid, this.hostname, this.addrs, this.version,
				this.metadata, status, this.regTimestamp, this.upTimestamp, this.renewTimestamp, this.dirtyTimestamp,
				this.latestTimestamp);
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

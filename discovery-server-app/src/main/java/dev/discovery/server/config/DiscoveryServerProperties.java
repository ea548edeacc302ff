package dev.discovery.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of a discovery server node ({@code discovery.server.*}); the equivalent
 * of the reference's {@code discovery.toml}.
 */
@ConfigurationProperties("discovery.server")
public class DiscoveryServerProperties {

	/**
	 * Region of this node. Defaults to the REGION environment variable, else 'region01'.
	 */
	private String region = "region01";

	/**
	 * Zone of this node. Defaults to the ZONE environment variable, else 'zone01'.
	 */
	private String zone = "zone01";

	/**
	 * Deploy environment of this node's own 'infra.discovery' registration; clients find
	 * the server only in the env they poll with. Defaults to DEPLOY_ENV, else 'dev'.
	 */
	private String env = "dev";

	/**
	 * Hostname of this node's own registration. Defaults to HOSTNAME, else the OS
	 * hostname.
	 */
	private @Nullable String host;

	/**
	 * Address 'host:port' that clients and peers reach this node at; published in its
	 * 'infra.discovery' instance and used to recognise itself in 'nodes'. Defaults to
	 * server.address (or 127.0.0.1) and the actual port.
	 */
	private @Nullable String advertiseAddress;

	/**
	 * Nodes 'host:port' of this zone's cluster, this node included.
	 */
	private List<String> nodes = new ArrayList<>();

	/**
	 * Nodes 'host:port' of other zones, by zone name.
	 */
	private Map<String, List<String>> zones = new LinkedHashMap<>();

	/**
	 * Whether reads are refused at startup until a peer sync succeeded or protect-timeout
	 * passed.
	 */
	private boolean enableProtect;

	/**
	 * How long startup protection lasts without a successful peer sync.
	 */
	private Duration protectTimeout = Duration.ofSeconds(60);

	/**
	 * How long a poll is held without change before it answers -304. Go clients time out
	 * after 40 s, so keep it below 39 s.
	 */
	private Duration pollTimeout = Duration.ofSeconds(30);

	/**
	 * Interval between renews of this node's own registration.
	 */
	private Duration selfRenewInterval = Duration.ofSeconds(30);

	/**
	 * Directory of '*.json' zone scheduler files (docs/wire-protocol.md §7), loaded at
	 * start.
	 */
	private @Nullable String schedulerDir;

	/**
	 * Lease expiry and self-preservation.
	 */
	private final Eviction eviction = new Eviction();

	/**
	 * Request size limits.
	 */
	private final Limits limits = new Limits();

	/**
	 * Replication to the other nodes of the cluster.
	 */
	private final Replication replication = new Replication();

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public String getEnv() {
		return this.env;
	}

	public void setEnv(String env) {
		this.env = env;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable String getAdvertiseAddress() {
		return this.advertiseAddress;
	}

	public void setAdvertiseAddress(@Nullable String advertiseAddress) {
		this.advertiseAddress = advertiseAddress;
	}

	public List<String> getNodes() {
		return this.nodes;
	}

	public void setNodes(List<String> nodes) {
		this.nodes = nodes;
	}

	public Map<String, List<String>> getZones() {
		return this.zones;
	}

	public void setZones(Map<String, List<String>> zones) {
		this.zones = zones;
	}

	public boolean isEnableProtect() {
		return this.enableProtect;
	}

	public void setEnableProtect(boolean enableProtect) {
		this.enableProtect = enableProtect;
	}

	public Duration getProtectTimeout() {
		return this.protectTimeout;
	}

	public void setProtectTimeout(Duration protectTimeout) {
		this.protectTimeout = protectTimeout;
	}

	public Duration getPollTimeout() {
		return this.pollTimeout;
	}

	public void setPollTimeout(Duration pollTimeout) {
		this.pollTimeout = pollTimeout;
	}

	public Duration getSelfRenewInterval() {
		return this.selfRenewInterval;
	}

	public void setSelfRenewInterval(Duration selfRenewInterval) {
		this.selfRenewInterval = selfRenewInterval;
	}

	public @Nullable String getSchedulerDir() {
		return this.schedulerDir;
	}

	public void setSchedulerDir(@Nullable String schedulerDir) {
		this.schedulerDir = schedulerDir;
	}

	public Eviction getEviction() {
		return this.eviction;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Replication getReplication() {
		return this.replication;
	}

	/**
	 * Lease expiry and self-preservation settings (docs/wire-protocol.md §6).
	 */
	public static class Eviction {

		/**
		 * Interval between eviction passes; each pass also closes the renew-counting
		 * minute.
		 */
		private Duration interval = Duration.ofSeconds(60);

		/**
		 * Silence after which an instance expires.
		 */
		private Duration leaseDuration = Duration.ofSeconds(90);

		/**
		 * Silence after which an instance expires even in self-preservation mode.
		 */
		private Duration maxSilence = Duration.ofSeconds(3600);

		/**
		 * Share of expected renews below which self-preservation starts; also the share
		 * of the registry that one eviction pass must keep.
		 */
		private double renewalPercentThreshold = 0.85;

		/**
		 * Interval at which the expected renew count is recomputed from the instance
		 * count.
		 */
		private Duration expectedResetInterval = Duration.ofMinutes(15);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Duration getMaxSilence() {
			return this.maxSilence;
		}

		public void setMaxSilence(Duration maxSilence) {
			this.maxSilence = maxSilence;
		}

		public double getRenewalPercentThreshold() {
			return this.renewalPercentThreshold;
		}

		public void setRenewalPercentThreshold(double renewalPercentThreshold) {
			this.renewalPercentThreshold = renewalPercentThreshold;
		}

		public Duration getExpectedResetInterval() {
			return this.expectedResetInterval;
		}

		public void setExpectedResetInterval(Duration expectedResetInterval) {
			this.expectedResetInterval = expectedResetInterval;
		}

	}

	/**
	 * Request size limits; a request over a limit answers -400.
	 */
	public static class Limits {

		/**
		 * Longest appid, hostname, zone, env, region, version or address, in characters.
		 */
		private int maxStringLength = 256;

		/**
		 * Longest metadata JSON text, in characters.
		 */
		private int maxMetadataLength = 8192;

		/**
		 * Most addresses per instance.
		 */
		private int maxAddrs = 32;

		/**
		 * Most appids per fetchs, poll or polls request, and hostnames per set.
		 */
		private int maxAppids = 1000;

		/**
		 * Largest request body; a larger one is refused while it is read (-400, then the
		 * connection is closed). The form and multipart readers also stop at
		 * spring.codec.max-in-memory-size (256KB by default).
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(256);

		/**
		 * Longest time from the first byte of a request to its last (request line,
		 * headers and body); a slower request is answered -400 and its connection closed.
		 * Idle keep-alive connections and parked polls are not affected.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getMaxStringLength() {
			return this.maxStringLength;
		}

		public void setMaxStringLength(int maxStringLength) {
			this.maxStringLength = maxStringLength;
		}

		public int getMaxMetadataLength() {
			return this.maxMetadataLength;
		}

		public void setMaxMetadataLength(int maxMetadataLength) {
			this.maxMetadataLength = maxMetadataLength;
		}

		public int getMaxAddrs() {
			return this.maxAddrs;
		}

		public void setMaxAddrs(int maxAddrs) {
			this.maxAddrs = maxAddrs;
		}

		public int getMaxAppids() {
			return this.maxAppids;
		}

		public void setMaxAppids(int maxAppids) {
			this.maxAppids = maxAppids;
		}

	}

	/**
	 * Replication of changes to peer nodes, startup sync and the node list
	 * (docs/wire-protocol.md §5).
	 */
	public static class Replication {

		/**
		 * Shared secret of the cluster; never sent: every request between nodes carries
		 * an HMAC signature made with it, and so does every answer. When set, writes that
		 * only server nodes may make (replication=true, from_zone=true) without a valid
		 * signature answer -401. Must be the same on every node; without it replication
		 * is unauthenticated, as with reference nodes.
		 */
		private @Nullable String secret;

		/**
		 * How far a signed request's time may be from this node's clock; a signature is
		 * accepted once within it.
		 */
		private Duration replayWindow = Duration.ofSeconds(30);

		/**
		 * How far ahead of this node's clock a server node's dirty_timestamp or
		 * set_timestamp may be; later ones are refused with -400.
		 */
		private Duration maxClockSkew = Duration.ofSeconds(60);

		/**
		 * Time between health probes of each peer of this zone (GET /discovery/nodes).
		 */
		private Duration probeInterval = Duration.ofSeconds(1);

		/**
		 * Timeout of a health probe; a peer that does not answer in time is LOST.
		 */
		private Duration probeTimeout = Duration.ofSeconds(1);

		/**
		 * How long a cancel is remembered, so that a delayed or stale copy cannot bring
		 * the instance back; at least a lease.
		 */
		private Duration tombstoneRetention = Duration.ofMinutes(5);

		/**
		 * Most cancels remembered at once; the oldest are forgotten first.
		 */
		private int tombstoneCapacity = 200_000;

		/**
		 * Timeout of a /discovery/fetch/all from a peer (startup sync and catch-up),
		 * which carries a whole registry.
		 */
		private Duration syncTimeout = Duration.ofSeconds(40);

		/**
		 * Connect timeout of requests to peers.
		 */
		private Duration connectTimeout = Duration.ofSeconds(1);

		/**
		 * Timeout of one replicated change sent to a peer.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * Most pending operations per peer; repeated operations on one instance are
		 * coalesced, further ones are dropped (and repaired by the next renew).
		 */
		private int queueCapacity = 50_000;

		/**
		 * Most requests in flight to one peer; never two for the same instance.
		 */
		private int maxInFlight = 4;

		/**
		 * First pause before retrying a peer that failed; doubles up to max-backoff.
		 */
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Longest pause between retries of a failing peer.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * How long a stopping node keeps sending its pending operations.
		 */
		private Duration drainTimeout = Duration.ofSeconds(2);

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Duration getReplayWindow() {
			return this.replayWindow;
		}

		public void setReplayWindow(Duration replayWindow) {
			this.replayWindow = replayWindow;
		}

		public Duration getMaxClockSkew() {
			return this.maxClockSkew;
		}

		public void setMaxClockSkew(Duration maxClockSkew) {
			this.maxClockSkew = maxClockSkew;
		}

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

		public Duration getProbeTimeout() {
			return this.probeTimeout;
		}

		public void setProbeTimeout(Duration probeTimeout) {
			this.probeTimeout = probeTimeout;
		}

		public Duration getTombstoneRetention() {
			return this.tombstoneRetention;
		}

		public void setTombstoneRetention(Duration tombstoneRetention) {
			this.tombstoneRetention = tombstoneRetention;
		}

		public int getTombstoneCapacity() {
			return this.tombstoneCapacity;
		}

		public void setTombstoneCapacity(int tombstoneCapacity) {
			this.tombstoneCapacity = tombstoneCapacity;
		}

		public Duration getSyncTimeout() {
			return this.syncTimeout;
		}

		public void setSyncTimeout(Duration syncTimeout) {
			this.syncTimeout = syncTimeout;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
		}

	}

}

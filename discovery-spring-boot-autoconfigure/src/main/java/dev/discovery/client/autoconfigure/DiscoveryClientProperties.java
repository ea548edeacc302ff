package dev.discovery.client.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.client.registration.InstanceAddressResolver.IpType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the discovery client starter.
 */
@ConfigurationProperties("discovery")
public class DiscoveryClientProperties {

	/**
	 * Whether the discovery starter is enabled at all.
	 */
	private boolean enabled = true;

	/**
	 * Seed nodes of the discovery servers as host:port. Defaults to the comma-separated
	 * DISCOVERY_NODES environment variable.
	 */
	private List<String> nodes = new ArrayList<>();

	/**
	 * Region of this application. Defaults to the REGION environment variable, else
	 * 'region01'.
	 */
	private String region = "region01";

	/**
	 * Zone of this application; only discovery nodes of this zone are used and it is the
	 * preferred zone of the load balancer. Defaults to the ZONE environment variable,
	 * else 'zone01'.
	 */
	private String zone = "zone01";

	/**
	 * Deploy environment, such as dev, fat1, uat, pre or prod. Defaults to the DEPLOY_ENV
	 * environment variable, else 'dev'.
	 */
	private String env = "dev";

	/**
	 * Instance id of this application in the registry, also sent as poller identity.
	 * Defaults to '<HOSTNAME or host name>-<port>'.
	 */
	private @Nullable String hostname;

	/**
	 * Connect timeout of requests to the discovery servers.
	 */
	private Duration connectTimeout = Duration.ofSeconds(3);

	/**
	 * Timeout of every request to the discovery servers, also sent in the
	 * x1-bmspy-timeout header. Must stay above the 30 s long-poll hold.
	 */
	private Duration readTimeout = Duration.ofSeconds(40);

	/**
	 * How often to move to another discovery node even when the current one works.
	 */
	private Duration nodeRotationInterval = Duration.ofMinutes(30);

	/**
	 * Order of the discovery client among several DiscoveryClient beans.
	 */
	private int order = 0;

	/**
	 * Apps to watch from start-up; others are watched from their first lookup on.
	 */
	private List<String> subscriptions = new ArrayList<>();

	/**
	 * How often the list of registered apps is read with fetch/all when the server has no
	 * catalog watch (the Go reference); with the watch, changes arrive as they happen.
	 */
	private Duration servicesTtl = Duration.ofSeconds(30);

	private final Poll poll = new Poll();

	private final Instance instance = new Instance();

	private final LoadBalancer loadbalancer = new LoadBalancer();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getNodes() {
		return this.nodes;
	}

	public void setNodes(List<String> nodes) {
		this.nodes = nodes;
	}

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

	public @Nullable String getHostname() {
		return this.hostname;
	}

	public void setHostname(@Nullable String hostname) {
		this.hostname = hostname;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getNodeRotationInterval() {
		return this.nodeRotationInterval;
	}

	public void setNodeRotationInterval(Duration nodeRotationInterval) {
		this.nodeRotationInterval = nodeRotationInterval;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public List<String> getSubscriptions() {
		return this.subscriptions;
	}

	public void setSubscriptions(List<String> subscriptions) {
		this.subscriptions = subscriptions;
	}

	public Duration getServicesTtl() {
		return this.servicesTtl;
	}

	public void setServicesTtl(Duration servicesTtl) {
		this.servicesTtl = servicesTtl;
	}

	public Poll getPoll() {
		return this.poll;
	}

	public Instance getInstance() {
		return this.instance;
	}

	public LoadBalancer getLoadbalancer() {
		return this.loadbalancer;
	}

	/**
	 * Long-poll settings.
	 */
	public static class Poll {

		/**
		 * Pause after a failed poll before the next attempt (a quarter of it is random
		 * jitter either way).
		 */
		private Duration errorBackoff = Duration.ofSeconds(1);

		/**
		 * Whether an answer without any UP instance keeps the previous instances instead
		 * of emptying the list (protects against registry glitches).
		 */
		private boolean keepLastNonEmpty = true;

		/**
		 * After polls reach a server again following failures (it may have restarted
		 * empty and be receiving re-registrations), how long its answers may add
		 * instances to a cached app but not remove any. Set it above the renew interval
		 * of the slowest provider (35s with Go SDK providers); 0 applies answers as they
		 * come.
		 */
		private Duration rejoinGrace = Duration.ofSeconds(5);

		public Duration getRejoinGrace() {
			return this.rejoinGrace;
		}

		public void setRejoinGrace(Duration rejoinGrace) {
			this.rejoinGrace = rejoinGrace;
		}

		public Duration getErrorBackoff() {
			return this.errorBackoff;
		}

		public void setErrorBackoff(Duration errorBackoff) {
			this.errorBackoff = errorBackoff;
		}

		public boolean isKeepLastNonEmpty() {
			return this.keepLastNonEmpty;
		}

		public void setKeepLastNonEmpty(boolean keepLastNonEmpty) {
			this.keepLastNonEmpty = keepLastNonEmpty;
		}

	}

	/**
	 * How this application registers itself.
	 */
	public static class Instance {

		/**
		 * Application id to register. Defaults to spring.application.name.
		 */
		private @Nullable String appid;

		/**
		 * IP address or host name to publish instead of the detected one.
		 */
		private @Nullable String advertiseAddress;

		/**
		 * Address family to detect when no advertise address is set.
		 */
		private IpType ipType = IpType.IPV4;

		/**
		 * Port to publish instead of the web server's port.
		 */
		private int port = 0;

		/**
		 * Whether the published web address is https.
		 */
		private boolean secure = false;

		/**
		 * Further addresses to publish, such as grpc://10.0.0.1:9000.
		 */
		private List<String> addrs = new ArrayList<>();

		/**
		 * Version text to publish.
		 */
		private String version = "";

		/**
		 * Metadata to publish.
		 */
		private Map<String, String> metadata = new LinkedHashMap<>();

		/**
		 * Load-balancing weight to publish in the 'weight' metadata.
		 */
		private int weight = 10;

		/**
		 * Color (gray or cluster tag) to publish in the 'color' metadata; consumers can
		 * select it as a load-balancer hint.
		 */
		private @Nullable String color;

		/**
		 * Whether the instance registers as WAITING (hidden from consumers) and follows
		 * the application's readiness state: UP once it accepts traffic, WAITING again
		 * when it refuses traffic, such as when it starts shutting down. When false, it
		 * registers as UP at once.
		 */
		private boolean waitForReadiness = true;

		/**
		 * Time between two renews.
		 */
		private Duration renewInterval = Duration.ofSeconds(30);

		/**
		 * At most this much is randomly added to or removed from each renew interval.
		 */
		private Duration renewJitter = Duration.ofSeconds(3);

		/**
		 * Time before a failed registration is tried again.
		 */
		private Duration retryInterval = Duration.ofSeconds(5);

		/**
		 * Time to wait after the cancel at shutdown before the web server stops accepting
		 * requests, so consumers see the cancel first.
		 */
		private Duration drainDelay = Duration.ofSeconds(1);

		public @Nullable String getAppid() {
			return this.appid;
		}

		public void setAppid(@Nullable String appid) {
			this.appid = appid;
		}

		public @Nullable String getAdvertiseAddress() {
			return this.advertiseAddress;
		}

		public void setAdvertiseAddress(@Nullable String advertiseAddress) {
			this.advertiseAddress = advertiseAddress;
		}

		public IpType getIpType() {
			return this.ipType;
		}

		public void setIpType(IpType ipType) {
			this.ipType = ipType;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public List<String> getAddrs() {
			return this.addrs;
		}

		public void setAddrs(List<String> addrs) {
			this.addrs = addrs;
		}

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

		public Map<String, String> getMetadata() {
			return this.metadata;
		}

		public void setMetadata(Map<String, String> metadata) {
			this.metadata = metadata;
		}

		public int getWeight() {
			return this.weight;
		}

		public void setWeight(int weight) {
			this.weight = weight;
		}

		public @Nullable String getColor() {
			return this.color;
		}

		public void setColor(@Nullable String color) {
			this.color = color;
		}

		public boolean isWaitForReadiness() {
			return this.waitForReadiness;
		}

		public void setWaitForReadiness(boolean waitForReadiness) {
			this.waitForReadiness = waitForReadiness;
		}

		public Duration getRenewInterval() {
			return this.renewInterval;
		}

		public void setRenewInterval(Duration renewInterval) {
			this.renewInterval = renewInterval;
		}

		public Duration getRenewJitter() {
			return this.renewJitter;
		}

		public void setRenewJitter(Duration renewJitter) {
			this.renewJitter = renewJitter;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public Duration getDrainDelay() {
			return this.drainDelay;
		}

		public void setDrainDelay(Duration drainDelay) {
			this.drainDelay = drainDelay;
		}

	}

	/**
	 * Load-balancer integration.
	 */
	public static class LoadBalancer {

		/**
		 * Whether load-balanced clients use the discovery cache with zone preference,
		 * weights and hints as their default configuration.
		 */
		private boolean enabled = true;

		/**
		 * Whether the zone scheduler the server publishes for an app (entry for our zone)
		 * replaces zone preference: only the listed zones, traffic in proportion to their
		 * weights.
		 */
		private boolean schedulerEnabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSchedulerEnabled() {
			return this.schedulerEnabled;
		}

		public void setSchedulerEnabled(boolean schedulerEnabled) {
			this.schedulerEnabled = schedulerEnabled;
		}

	}

}

package dev.discovery.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.discovery.client.registration.LocalInstance;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link Discovery} client, from code or from the environment variables
 * kratos services use ({@value #NODES_VARIABLE}, {@value #REGION_VARIABLE},
 * {@value #ZONE_VARIABLE}, {@value #ENV_VARIABLE}, {@value #HOSTNAME_VARIABLE}).
 *
 * @param nodes seed nodes as {@code host:port}
 * @param region region of this client and its instances
 * @param zone zone of this client and its instances
 * @param env deploy environment
 * @param hostname instance id of registered instances and identity of the poller
 * @param connectTimeout TCP connect timeout
 * @param readTimeout whole-request timeout, above the 30 s long-poll hold
 * @param nodeRotationInterval how often to move to the next node even without failure
 * @param renewInterval time between renews
 * @param renewJitter at most this much is added to or removed from each renew interval
 * @param retryInterval time before a failed registration is tried again
 * @param pollErrorBackoff pause after a failed poll
 * @param keepLastNonEmpty whether an answer without UP instances keeps the previous list
 */
public record DiscoveryConfig(List<String> nodes, String region, String zone, String env, String hostname,
		Duration connectTimeout, Duration readTimeout, Duration nodeRotationInterval, Duration renewInterval,
		Duration renewJitter, Duration retryInterval, Duration pollErrorBackoff, boolean keepLastNonEmpty) {

	/** Comma-separated seed nodes, {@code host:port} each. */
	public static final String NODES_VARIABLE = "DISCOVERY_NODES";

	/** Region. */
	public static final String REGION_VARIABLE = "REGION";

	/** Zone. */
	public static final String ZONE_VARIABLE = "ZONE";

	/** Deploy environment. */
	public static final String ENV_VARIABLE = "DEPLOY_ENV";

	/** Instance id. */
	public static final String HOSTNAME_VARIABLE = "HOSTNAME";

	/**
	 * Copy the node list.
	 */
	public DiscoveryConfig {
		nodes = List.copyOf(nodes);
	}

	/**
	 * Settings with the defaults of the starter: region {@code region01}, zone
	 * {@code zone01}, env {@code dev}, 30 s renews.
	 * @param nodes seed nodes as {@code host:port}
	 * @param hostname instance id of registered instances and identity of the poller
	 * @return the settings
	 */
	public static DiscoveryConfig of(List<String> nodes, String hostname) {
		return new DiscoveryConfig(nodes, "region01", "zone01", "dev", hostname, Duration.ofSeconds(3),
				Duration.ofSeconds(40), Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(3),
				Duration.ofSeconds(5), Duration.ofSeconds(1), true);
	}

	/**
	 * Settings from the process environment.
	 * @return the settings
	 * @throws dev.discovery.client.transport.NoDiscoveryNodesException (when used) if
	 * {@value #NODES_VARIABLE} is not set
	 */
	public static DiscoveryConfig fromEnvironment() {
		return fromEnvironment(System.getenv());
	}

	/**
	 * Settings from environment variables; unset variables keep the defaults of
	 * {@link #of}, the host name defaults to {@code localhost}.
	 * @param variables the variables
	 * @return the settings
	 */
	public static DiscoveryConfig fromEnvironment(Map<String, String> variables) {
		String nodes = text(variables.get(NODES_VARIABLE));
		List<String> seeds = (nodes != null)
				? Arrays.stream(nodes.split(",")).map(String::trim).filter((node) -> !node.isEmpty()).toList()
				: List.of();
		DiscoveryConfig defaults = of(seeds, orElse(variables.get(HOSTNAME_VARIABLE), "localhost"));
		return defaults.withLocation(orElse(variables.get(REGION_VARIABLE), defaults.region()),
				orElse(variables.get(ZONE_VARIABLE), defaults.zone()),
				orElse(variables.get(ENV_VARIABLE), defaults.env()));
	}

	/**
	 * A copy in another region, zone and env.
	 * @param region the region
	 * @param zone the zone
	 * @param env the deploy environment
	 * @return the copy
	 */
	public DiscoveryConfig withLocation(String region, String zone, String env) {
		return new DiscoveryConfig(this.nodes, region, zone, env, this.hostname, this.connectTimeout, this.readTimeout,
				this.nodeRotationInterval, this.renewInterval, this.renewJitter, this.retryInterval,
				this.pollErrorBackoff, this.keepLastNonEmpty);
	}

	/**
	 * A copy with other renew timing.
	 * @param interval time between renews
	 * @param jitter at most this much is added to or removed from each interval
	 * @return the copy
	 */
	public DiscoveryConfig withRenewInterval(Duration interval, Duration jitter) {
		return new DiscoveryConfig(this.nodes, this.region, this.zone, this.env, this.hostname, this.connectTimeout,
				this.readTimeout, this.nodeRotationInterval, interval, jitter, this.retryInterval,
				this.pollErrorBackoff, this.keepLastNonEmpty);
	}

	/**
	 * Describe an instance to register in this client's region, zone and env, with this
	 * client's host name as instance id, publishing exactly the given addresses (kratos
	 * style: {@code grpc://ip:port}, {@code http://ip:port}).
	 * @param appid the app
	 * @param addrs the addresses
	 * @param version version text
	 * @param metadata metadata, such as {@code weight}
	 * @return the description
	 */
	public LocalInstance instance(String appid, List<String> addrs, String version, Map<String, String> metadata) {
		return new LocalInstance(appid, this.region, this.zone, this.env, this.hostname, this.hostname, "",
				LocalInstance.NO_MAIN_ADDRESS, false, version, metadata, addrs);
	}

	private static @Nullable String text(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private static String orElse(@Nullable String value, String fallback) {
		String text = text(value);
		return (text != null) ? text : fallback;
	}

}

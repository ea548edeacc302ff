package dev.discovery.client.actuator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.client.discovery.CachedApp;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.RegistrationState;
import dev.discovery.client.transport.DiscoveryNodes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import dev.discovery.client.discovery.DiscoveredInstance;

/**
 * Actuator endpoint {@code discovery}: the server nodes in use, the registration and the
 * cached apps.
 */
@Endpoint(id = "discovery")
public class DiscoveryEndpoint {

	private final DiscoveryNodes nodes;

	private final @Nullable InstanceCache cache;

	private final @Nullable InstancePoller poller;

	private final @Nullable DiscoveryServiceRegistry registry;

	/**
	 * Create the endpoint.
	 * @param nodes the server nodes
	 * @param cache the instance cache, {@code null} when discovery is off
	 * @param poller the poll loop, {@code null} when discovery is off
	 * @param registry the registry, {@code null} when registration is off
	 */
	public DiscoveryEndpoint(DiscoveryNodes nodes, @Nullable InstanceCache cache, @Nullable InstancePoller poller,
			@Nullable DiscoveryServiceRegistry registry) {
		this.nodes = nodes;
		this.cache = cache;
		this.poller = poller;
		this.registry = registry;
	}

	/**
	 * The state of the discovery client.
	 * @return the report
	 */
	@ReadOperation
	public DiscoveryReport report() {
		List<String> candidates = this.nodes.candidates().stream().map(Object::toString).toList();
		List<String> seeds = this.nodes.seeds().stream().map(Object::toString).toList();
		Map<String, List<String>> apps = new LinkedHashMap<>();
		if (this.cache != null) {
			for (String appid : this.cache.appids()) {
				apps.put(appid,
						this.cache.get(appid)
							.map(CachedApp::instances)
							.orElse(List.of())
							.stream()
							.map(DiscoveryEndpoint::describe)
							.toList());
			}
		}
		List<RegistrationState> registrations = (this.registry != null) ? this.registry.states() : List.of();
		return new DiscoveryReport(this.nodes.current().toString(), candidates, seeds, registrations,
				(this.poller != null) ? this.poller.status().consecutiveFailures() : 0, apps);
	}

	private static String describe(DiscoveredInstance instance) {
		return instance.getInstanceId() + " " + instance.getUri();
	}

	/**
	 * What the endpoint answers.
	 *
	 * @param currentNode the node requests go to
	 * @param nodes the nodes in the order they are tried
	 * @param seeds the configured nodes
	 * @param registrations the registrations of this application
	 * @param consecutivePollFailures failed polls since the last success
	 * @param apps cached apps with their UP instances
	 */
	public record DiscoveryReport(String currentNode, List<String> nodes, List<String> seeds,
			List<RegistrationState> registrations, int consecutivePollFailures, Map<String, List<String>> apps) {

	}

}

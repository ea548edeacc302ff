package dev.discovery.server.config;

import dev.discovery.protocol.Node;
import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.service.ReadGate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a discovery node: OUT_OF_SERVICE while startup protection refuses reads (so a
 * load balancer in front of the cluster skips it), UP otherwise, with the figures an
 * operator looks at first.
 */
final class DiscoveryServerHealthIndicator implements HealthIndicator {

	private final Registry registry;

	private final PollHub hub;

	private final ReadGate gate;

	private final ClusterNodes nodes;

	DiscoveryServerHealthIndicator(Registry registry, PollHub hub, ReadGate gate, ClusterNodes nodes) {
		this.registry = registry;
		this.hub = hub;
		this.gate = gate;
		this.nodes = nodes;
	}

	@Override
	public Health health() {
		SelfPreservationGuard guard = this.registry.guard();
		Health.Builder health = this.gate.isOpen() ? Health.up() : Health.outOfService();
		long lostPeers = this.nodes.nodes().stream().filter((node) -> node.status() == Node.LOST).count();
		return health.withDetail("instances", this.registry.size())
			.withDetail("apps", this.registry.appKeys().size())
			.withDetail("parkedPolls", this.hub.parkedCount())
			.withDetail("startupProtection", !this.gate.isOpen())
			.withDetail("selfPreservation", guard.isProtected())
			.withDetail("renewsLastMinute", guard.renewsLastMinute())
			.withDetail("renewThreshold", guard.threshold())
			.withDetail("zone", this.nodes.zone())
			.withDetail("peers", this.nodes.nodes().size() - 1)
			.withDetail("lostPeers", lostPeers)
			.build();
	}

}

package dev.discovery.server.config;

import java.time.Clock;

import dev.discovery.server.api.PeerSecretFilter;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.NodeListRefresher;
import dev.discovery.server.replication.PeerClient;
import dev.discovery.server.replication.PeerReplicator;
import dev.discovery.server.replication.PeerSecret;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.ReadGate;
import dev.discovery.server.service.StartupSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Wires the cluster: topology, replication to peers, the startup sync, the node-list
 * refresher and the shared-secret check.
 */
@Configuration(proxyBeanMethods = false)
class ReplicationConfiguration {

	@Bean
	ClusterNodes clusterNodes(DiscoveryServerProperties properties) {
		String self = (properties.getAdvertiseAddress() != null) ? properties.getAdvertiseAddress() : "";
		return new ClusterNodes(self, properties.getZone(), properties.getNodes(), properties.getZones());
	}

	@Bean
	PeerSecret peerSecret(DiscoveryServerProperties properties) {
		return new PeerSecret(properties.getReplication().getSecret());
	}

	@Bean
	PeerClient peerClient(PeerSecret secret, DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		return new PeerClient(secret, replication.getConnectTimeout(), replication.getRequestTimeout());
	}

	@Bean
	PeerReplicator replicator(ClusterNodes nodes, Registry registry, PeerClient client,
			TaskScheduler discoveryTaskScheduler, Clock clock, ObjectProvider<MeterRegistry> meters,
			DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		PeerReplicator.Settings settings = new PeerReplicator.Settings(replication.getQueueCapacity(),
				replication.getMaxInFlight(), replication.getInitialBackoff(), replication.getMaxBackoff());
		return new PeerReplicator(nodes, registry, client, discoveryTaskScheduler, clock,
				meters.getIfAvailable(SimpleMeterRegistry::new), settings, replication.getDrainTimeout());
	}

	@Bean
	NodeListRefresher nodeListRefresher(Registry registry, ClusterNodes nodes, DiscoveryServerProperties properties) {
		return new NodeListRefresher(registry, nodes, properties.getEnv());
	}

	@Bean
	StartupSync startupSync(DiscoveryService service, ClusterNodes nodes, PeerClient client, ReadGate gate,
			DiscoveryServerProperties properties, ServerProperties server, ApplicationContext context) {
		return new StartupSync(service, nodes, client, gate,
				() -> DiscoveryServerConfiguration.advertisedAddress(properties, server, context),
				properties.isEnableProtect());
	}

	@Bean
	PeerSecretFilter peerSecretFilter(PeerSecret secret) {
		return new PeerSecretFilter(secret);
	}

	/**
	 * Whether other nodes are configured: then reads wait for the startup sync even
	 * without {@code enable-protect}, so a restarted node never serves an empty registry.
	 */
	static boolean hasPeers(DiscoveryServerProperties properties) {
		String self = properties.getAdvertiseAddress();
		boolean otherNodes = properties.getNodes().stream().anyMatch((node) -> !node.equals(self));
		boolean otherZones = properties.getZones()
			.entrySet()
			.stream()
			.anyMatch((zone) -> !zone.getKey().equals(properties.getZone()) && !zone.getValue().isEmpty());
		return otherNodes || otherZones;
	}

}

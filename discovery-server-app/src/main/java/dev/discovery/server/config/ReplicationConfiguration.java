package dev.discovery.server.config;

import java.time.Clock;

import dev.discovery.server.api.PeerAnswerSigningFilter;
import dev.discovery.server.api.TrustBoundary;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.NodeListRefresher;
import dev.discovery.server.replication.PeerClient;
import dev.discovery.server.replication.PeerProbe;
import dev.discovery.server.replication.PeerReplicator;
import dev.discovery.server.replication.PeerSignature;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.ReadGate;
import dev.discovery.server.service.StartupSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private static final Log logger = LogFactory.getLog(ReplicationConfiguration.class);

	@Bean
	ClusterNodes clusterNodes(DiscoveryServerProperties properties) {
		String self = (properties.getAdvertiseAddress() != null) ? properties.getAdvertiseAddress() : "";
		return new ClusterNodes(self, properties.getZone(), properties.getNodes(), properties.getZones());
	}

	@Bean
	PeerSignature peerSignature(DiscoveryServerProperties properties, Clock clock) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		PeerSignature signature = new PeerSignature(replication.getSecret(), clock, replication.getReplayWindow());
		if (!signature.isRequired()) {
			logger.warn("Replication is unauthenticated: no discovery.server.replication.secret, so any sender that "
					+ "sets replication or from_zone is trusted as a server node (as by reference nodes); "
					+ "set the same secret on every node unless the cluster has reference (Go) nodes");
		}
		return signature;
	}

	@Bean
	PeerClient peerClient(PeerSignature signature, DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		return new PeerClient(signature, replication.getConnectTimeout(), replication.getRequestTimeout(),
				replication.getSyncTimeout(), replication.getProbeTimeout());
	}

	@Bean
	TrustBoundary trustBoundary(PeerSignature signature, Clock clock, DiscoveryServerProperties properties,
			ClusterNodes nodes) {
		return new TrustBoundary(signature, clock, properties.getReplication().getMaxClockSkew(), nodes::self);
	}

	@Bean
	PeerAnswerSigningFilter peerAnswerSigningFilter(PeerSignature signature) {
		return new PeerAnswerSigningFilter(signature);
	}

	@Bean
	PeerReplicator replicator(ClusterNodes nodes, Registry registry, LastWriteWins writes, PeerClient client,
			TaskScheduler discoveryTaskScheduler, Clock clock, ObjectProvider<MeterRegistry> meters,
			DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		PeerReplicator.Settings settings = new PeerReplicator.Settings(replication.getQueueCapacity(),
				replication.getMaxInFlight(), replication.getInitialBackoff(), replication.getMaxBackoff());
		return new PeerReplicator(nodes, registry, writes, client, discoveryTaskScheduler, clock,
				meters.getIfAvailable(SimpleMeterRegistry::new), settings, replication.getDrainTimeout());
	}

	@Bean
	PeerProbe peerProbe(ClusterNodes nodes, PeerClient client, PeerReplicator replicator,
			TaskScheduler discoveryTaskScheduler, ObjectProvider<MeterRegistry> meters,
			DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		return new PeerProbe(nodes, client, discoveryTaskScheduler, replication.getProbeInterval(),
				replicator::peerReturned, meters.getIfAvailable(SimpleMeterRegistry::new));
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

package dev.discovery.server.config;

import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.Replicator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the cluster topology and the replication of changes to peers.
 */
@Configuration(proxyBeanMethods = false)
class ReplicationConfiguration {

	@Bean
	ClusterNodes clusterNodes(DiscoveryServerProperties properties) {
		String self = (properties.getAdvertiseAddress() != null) ? properties.getAdvertiseAddress() : "";
		return new ClusterNodes(self, properties.getZone(), properties.getNodes(), properties.getZones());
	}

	@Bean
	Replicator replicator() {
		return Replicator.none();
	}

}

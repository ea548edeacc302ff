package dev.discovery.client.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Learns the server nodes from the registry's own app {@code infra.discovery}
 * (docs/wire-protocol.md §8.4), as answered by the polls.
 */
final class SelfNodes {

	private static final Log logger = LogFactory.getLog(SelfNodes.class);

	private final DiscoveryNodes nodes;

	SelfNodes(DiscoveryNodes nodes) {
		this.nodes = nodes;
	}

	void learn(InstanceInfo info) {
		List<Instance> instances = new ArrayList<>();
		info.instances().values().stream().filter(Objects::nonNull).forEach(instances::addAll);
		if (this.nodes.updateFromRegistry(instances)) {
			logger.info("Discovery nodes now " + this.nodes.candidates());
		}
	}

}

package dev.discovery.server.service;

import java.util.List;

import dev.discovery.protocol.Node;
import dev.discovery.server.replication.ClusterNodes;

/**
 * What the api layer may show of the cluster: the server nodes of this zone
 * (docs/wire-protocol.md §3.9).
 */
public final class ClusterView {

	private final ClusterNodes nodes;

	/**
	 * Create the view.
	 * @param nodes the topology of this node
	 */
	public ClusterView(ClusterNodes nodes) {
		this.nodes = nodes;
	}

	/**
	 * The nodes of this zone, this node included, with their status.
	 * @return the nodes
	 */
	public List<Node> nodes() {
		return this.nodes.nodes();
	}

}

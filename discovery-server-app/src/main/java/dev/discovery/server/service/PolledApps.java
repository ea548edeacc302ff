package dev.discovery.server.service;

import java.util.List;
import java.util.Map;

import dev.discovery.server.registry.AppSnapshot;

/**
 * What a long poll is answered with: the requested apps that changed, with their current
 * snapshot, and the ones unknown on this node (docs/wire-protocol.md §4.1).
 *
 * @param changed appid to its current snapshot, in request order
 * @param missing requested appids unknown on this node (or absent in the zone filter)
 */
public record PolledApps(Map<String, AppSnapshot> changed, List<String> missing) {

	/**
	 * Whether this node is stopping (docs/server.md, "Stopping and restarting a node"): a
	 * real answer always has a changed app.
	 * @return {@code true} when the poll was ended by the node's shutdown
	 */
	public boolean isNodeStopping() {
		return this.changed.isEmpty();
	}

}

package dev.discovery.server.polling;

import java.util.List;
import java.util.Map;

import dev.discovery.server.registry.AppSnapshot;

/**
 * The answer to a long poll: the apps that changed (with their current snapshot) and the
 * apps that are missing on this node.
 *
 * @param changed appid to its current snapshot, in request order
 * @param missing requested appids unknown on this node (or absent in the zone filter)
 */
public record PollAnswer(Map<String, AppSnapshot> changed, List<String> missing) {

	private static final PollAnswer NODE_STOPPING = new PollAnswer(Map.of(), List.of());

	/**
	 * The answer of every poll when this node stops: no change, the client should poll
	 * another node.
	 * @return the answer
	 */
	public static PollAnswer nodeStopping() {
		return NODE_STOPPING;
	}

	/**
	 * Whether this node is stopping; a real answer always has a changed app.
	 * @return {@code true} for {@link #nodeStopping()}
	 */
	public boolean isNodeStopping() {
		return this.changed.isEmpty();
	}

}

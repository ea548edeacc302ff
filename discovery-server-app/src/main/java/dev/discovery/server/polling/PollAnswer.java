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

}

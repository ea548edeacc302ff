package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.discovery.protocol.Node;

/**
 * The server nodes this node knows: itself, its local-zone peers with their reachability,
 * and the nodes of other zones (PROTOCOL.md §5.1, §5.12).
 */
public final class ClusterNodes {

	private volatile String self;

	private final String zone;

	private volatile List<String> localPeers;

	private volatile Map<String, List<String>> otherZones;

	private final Map<String, Integer> status = new ConcurrentHashMap<>();

	/**
	 * Creates the node sets from configuration.
	 * @param self this node's advertised {@code host:port} as far as known before start
	 * @param zone this node's zone
	 * @param nodes configured nodes of this zone (may include self)
	 * @param otherZones configured nodes of other zones
	 */
	public ClusterNodes(String self, String zone, List<String> nodes, Map<String, List<String>> otherZones) {
		this.self = self;
		this.zone = zone;
		this.localPeers = peersWithout(nodes, self);
		this.otherZones = Map.copyOf(otherZones);
	}

	/**
	 * Sets this node's advertised address once the web server knows its port.
	 * @param address {@code host:port}
	 */
	public void bind(String address) {
		this.self = address;
		this.localPeers = peersWithout(this.localPeers, address);
	}

	public String self() {
		return this.self;
	}

	public String zone() {
		return this.zone;
	}

	/**
	 * Local-zone peers, without self.
	 * @return the peer addresses
	 */
	public List<String> localPeers() {
		return this.localPeers;
	}

	/**
	 * Nodes of other zones.
	 * @return zone to addresses
	 */
	public Map<String, List<String>> otherZones() {
		return this.otherZones;
	}

	/**
	 * Replaces the node sets, keeping the known status of unchanged addresses (D10, D17).
	 * @param nodes nodes of this zone
	 * @param zones nodes of other zones
	 */
	public void update(List<String> nodes, Map<String, List<String>> zones) {
		this.localPeers = peersWithout(nodes, this.self);
		this.otherZones = Map.copyOf(zones);
		this.status.keySet().retainAll(new LinkedHashSet<>(this.localPeers));
	}

	/**
	 * Records whether a peer answered.
	 * @param peer the peer address
	 * @param reachable {@code true} when it answered with JSON
	 */
	public void markReachable(String peer, boolean reachable) {
		this.status.put(peer, reachable ? Node.UP : Node.LOST);
	}

	/**
	 * This node and its local peers as answered by {@code /discovery/nodes}.
	 * @return the nodes, self first
	 */
	public List<Node> nodes() {
		List<Node> nodes = new ArrayList<>();
		nodes.add(new Node(this.self, Node.UP, this.zone));
		for (String peer : this.localPeers) {
			nodes.add(new Node(peer, this.status.getOrDefault(peer, Node.LOST), this.zone));
		}
		return nodes;
	}

	private static List<String> peersWithout(List<String> nodes, String self) {
		Set<String> peers = new LinkedHashSet<>(nodes);
		peers.remove(self);
		return List.copyOf(peers);
	}

}

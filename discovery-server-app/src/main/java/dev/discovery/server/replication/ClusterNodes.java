package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.discovery.protocol.Node;

/**
 * The server nodes this node knows: itself, its local-zone peers with their reachability,
 * and the nodes of other zones (docs/wire-protocol.md §5.1, §5.12).
 * <p>
 * Configured nodes are seeds that stay members for the life of the process; nodes learned
 * from {@code infra.discovery} instances join and leave with their registration. Unlike
 * the reference, a rebuild keeps the status of addresses that did not change (D10, D17).
 */
public final class ClusterNodes {

	private final String zone;

	private final List<String> configuredNodes;

	private final Map<String, List<String>> configuredZones;

	private final Map<String, Integer> status = new ConcurrentHashMap<>();

	private volatile String self;

	private volatile Topology topology;

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
		this.configuredNodes = List.copyOf(nodes);
		Map<String, List<String>> others = new LinkedHashMap<>(otherZones);
		others.remove(zone);
		this.configuredZones = copy(others);
		this.topology = new Topology(0, peersWithout(nodes, self), this.configuredZones);
	}

	/**
	 * Sets this node's advertised address once the web server knows its port.
	 * @param address {@code host:port}
	 */
	public synchronized void bind(String address) {
		if (address.equals(this.self)) {
			return;
		}
		this.self = address;
		Topology current = this.topology;
		this.topology = new Topology(current.version() + 1, peersWithout(current.localPeers(), address),
				current.otherZones());
		this.status.remove(address);
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
		return this.topology.localPeers();
	}

	/**
	 * Nodes of other zones.
	 * @return zone to addresses
	 */
	public Map<String, List<String>> otherZones() {
		return this.topology.otherZones();
	}

	/**
	 * A number that changes whenever the node sets change.
	 * @return the topology version
	 */
	public long version() {
		return this.topology.version();
	}

	/**
	 * Replaces the learned node sets; configured nodes stay. Addresses present before and
	 * after keep their status.
	 * @param nodes nodes of this zone learned from the registry
	 * @param zones nodes of other zones learned from the registry
	 * @return {@code true} when the node sets changed
	 */
	public synchronized boolean update(List<String> nodes, Map<String, List<String>> zones) {
		List<String> allNodes = new ArrayList<>(this.configuredNodes);
		allNodes.addAll(nodes);
		Map<String, List<String>> allZones = new LinkedHashMap<>();
		this.configuredZones.forEach((name, addresses) -> allZones.put(name, new ArrayList<>(addresses)));
		zones.forEach((name, addresses) -> allZones.computeIfAbsent(name, (k) -> new ArrayList<>()).addAll(addresses));
		List<String> peers = peersWithout(allNodes, this.self);
		Map<String, List<String>> otherZones = copy(allZones);
		Topology current = this.topology;
		if (peers.equals(current.localPeers()) && otherZones.equals(current.otherZones())) {
			return false;
		}
		this.topology = new Topology(current.version() + 1, peers, otherZones);
		this.status.keySet().retainAll(new LinkedHashSet<>(peers));
		return true;
	}

	/**
	 * Records whether a local peer answered; other addresses are ignored.
	 * @param peer the peer address
	 * @param reachable {@code true} when it answered with a JSON envelope other than -500
	 */
	public void markReachable(String peer, boolean reachable) {
		if (this.topology.localPeers().contains(peer)) {
			this.status.put(peer, reachable ? Node.UP : Node.LOST);
		}
	}

	/**
	 * This node and its local peers as answered by {@code /discovery/nodes}; a peer is
	 * LOST until it answered.
	 * @return the nodes, self first
	 */
	public List<Node> nodes() {
		List<Node> nodes = new ArrayList<>();
		nodes.add(new Node(this.self, Node.UP, this.zone));
		for (String peer : this.topology.localPeers()) {
			nodes.add(new Node(peer, this.status.getOrDefault(peer, Node.LOST), this.zone));
		}
		return nodes;
	}

	private static List<String> peersWithout(List<String> nodes, String self) {
		Set<String> peers = new LinkedHashSet<>(nodes);
		peers.remove(self);
		peers.remove("");
		return List.copyOf(peers);
	}

	private static Map<String, List<String>> copy(Map<String, List<String>> zones) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		zones.forEach((name, addresses) -> {
			List<String> distinct = List.copyOf(new LinkedHashSet<>(addresses));
			if (!distinct.isEmpty()) {
				copy.put(name, distinct);
			}
		});
		return Map.copyOf(copy);
	}

	/**
	 * One version of the node sets.
	 */
	private record Topology(long version, List<String> localPeers, Map<String, List<String>> otherZones) {

	}

}

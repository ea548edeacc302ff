package dev.discovery.server.replication;

import java.util.List;
import java.util.Random;

/**
 * The nodes of one destination and the one its requests go to: a peer of this zone has
 * one address, another zone several, of which one at a time is used
 * (docs/wire-protocol.md §5.2). The first is picked at random so the nodes of a zone
 * spread their load over the other zone. Not thread-safe: its {@link PeerChannel} guards
 * it.
 */
final class PeerAddresses {

	private final Random random;

	private List<String> addresses;

	private int current;

	/**
	 * Creates the addresses of a destination, starting at a random one.
	 * @param addresses the nodes, each {@code host:port}
	 * @param random picks the first node
	 */
	PeerAddresses(List<String> addresses, Random random) {
		this.random = random;
		this.addresses = List.copyOf(addresses);
		this.current = pick();
	}

	/**
	 * Whether there is no node to send to.
	 */
	boolean isEmpty() {
		return this.addresses.isEmpty();
	}

	/**
	 * The node requests go to.
	 * @return its {@code host:port}, empty when there is none
	 */
	String current() {
		return this.addresses.isEmpty() ? "" : this.addresses.get(this.current % this.addresses.size());
	}

	/**
	 * Replaces the nodes, keeping the current one when it is still listed.
	 * @param addresses the new nodes
	 */
	void replace(List<String> addresses) {
		String current = current();
		this.addresses = List.copyOf(addresses);
		int index = this.addresses.indexOf(current);
		this.current = (index >= 0) ? index : pick();
	}

	/**
	 * Moves to the next node, after the current one failed: another node of that zone may
	 * be up.
	 */
	void next() {
		if (this.addresses.size() > 1) {
			this.current = (this.current + 1) % this.addresses.size();
		}
	}

	private int pick() {
		return this.addresses.isEmpty() ? 0 : this.random.nextInt(this.addresses.size());
	}

}

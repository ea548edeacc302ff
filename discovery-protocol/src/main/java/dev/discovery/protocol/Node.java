package dev.discovery.protocol;

/**
 * One server node of the local zone, as answered by {@code /discovery/nodes}
 * (docs/wire-protocol.md §2.7).
 *
 * @param addr {@code host:port} of the node
 * @param status {@link #UP} or {@link #LOST}
 * @param zone zone of the node
 */
public record Node(String addr, int status, String zone) {

	/** The node answers. */
	public static final int UP = 0;

	/** The node did not answer its last replication. */
	public static final int LOST = 1;

}

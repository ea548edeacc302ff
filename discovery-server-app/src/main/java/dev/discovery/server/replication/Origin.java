package dev.discovery.server.replication;

/**
 * Who sent a change, which decides where it is replicated (docs/wire-protocol.md §5.2).
 */
public enum Origin {

	/** A client: replicate to every local peer and to one node of each other zone. */
	CLIENT,

	/**
	 * A server of another zone ({@code replication=false&from_zone=true}): replicate to
	 * local peers only.
	 */
	OTHER_ZONE,

	/** A peer of this zone ({@code replication=true}): do not replicate further. */
	PEER;

	/**
	 * The origin of a request from its wire flags. Unlike the reference,
	 * {@code from_zone} decides for every action, renew and cancel included (D12).
	 * @param replication the {@code replication} parameter
	 * @param fromZone the {@code from_zone} parameter
	 * @return the origin
	 */
	public static Origin of(boolean replication, boolean fromZone) {
		if (replication) {
			return PEER;
		}
		return fromZone ? OTHER_ZONE : CLIENT;
	}

}

package dev.discovery.client.transport;

/**
 * Thrown at start-up for a configured discovery node that is neither {@code host:port}
 * nor an {@code http(s)://host:port} URL without a path.
 */
public class InvalidDiscoveryNodeException extends IllegalArgumentException {

	private final String node;

	/**
	 * Create a new exception.
	 * @param node the node as configured
	 * @param reason what is wrong with it
	 */
	public InvalidDiscoveryNodeException(String node, String reason) {
		super("Discovery node '" + node + "' " + reason);
		this.node = node;
	}

	/**
	 * The node as configured.
	 * @return the text
	 */
	public String getNode() {
		return this.node;
	}

}

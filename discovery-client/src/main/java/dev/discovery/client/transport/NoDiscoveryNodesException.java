package dev.discovery.client.transport;

/**
 * Thrown at start-up when no seed node of the discovery server is configured.
 */
public class NoDiscoveryNodesException extends IllegalStateException {

	/**
	 * Create a new exception.
	 */
	public NoDiscoveryNodesException() {
		super("No discovery server node is configured");
	}

}

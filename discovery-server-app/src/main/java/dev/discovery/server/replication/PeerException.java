package dev.discovery.server.replication;

/**
 * A peer did not give a usable answer.
 */
public class PeerException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, naming the peer
	 */
	public PeerException(String message) {
		super(message);
	}

}

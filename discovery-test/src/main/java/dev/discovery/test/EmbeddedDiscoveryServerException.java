package dev.discovery.test;

/**
 * Thrown when the embedded discovery server cannot start or does not answer as expected.
 */
public class EmbeddedDiscoveryServerException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	public EmbeddedDiscoveryServerException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception without an underlying failure.
	 * @param message what failed
	 */
	public EmbeddedDiscoveryServerException(String message) {
		super(message);
	}

}

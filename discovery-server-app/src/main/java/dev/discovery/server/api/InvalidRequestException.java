package dev.discovery.server.api;

/**
 * A request that cannot be bound or validated; answered with code -400 and this message.
 */
public class InvalidRequestException extends RuntimeException {

	public InvalidRequestException(String message) {
		super(message);
	}

	public InvalidRequestException(String message, Throwable cause) {
		super(message, cause);
	}

}

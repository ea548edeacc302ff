package dev.discovery.server.api;

/**
 * A write that only an authenticated server node may make; answered with code -401.
 */
final class UnauthorizedException extends RuntimeException {

	UnauthorizedException(String message) {
		super(message);
	}

}

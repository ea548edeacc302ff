package dev.discovery.client.transport;

import java.net.URI;

import dev.discovery.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A discovery request that failed: either no node answered (no code) or a node answered
 * with a business error code.
 */
public class DiscoveryServerException extends RuntimeException {

	private final @Nullable Integer code;

	private final @Nullable URI node;

	/**
	 * Create an exception for a node that could not be reached or answered with an HTTP
	 * error.
	 * @param message what was attempted
	 * @param node the node, {@code null} when none was tried
	 * @param cause the transport failure
	 */
	public DiscoveryServerException(String message, @Nullable URI node, @Nullable Throwable cause) {
		super((cause != null) ? message + ": " + cause.getMessage() : message, cause);
		this.code = null;
		this.node = node;
	}

	/**
	 * Create an exception for a business error code.
	 * @param message what was attempted
	 * @param node the node that answered
	 * @param code the code it answered
	 */
	public DiscoveryServerException(String message, URI node, int code) {
		super(message + " (code " + code + " from " + node + ")");
		this.code = code;
		this.node = node;
	}

	/**
	 * The business code, {@code null} when the failure happened in the transport.
	 * @return the code or {@code null}
	 */
	public @Nullable Integer getCode() {
		return this.code;
	}

	/**
	 * The node the failure concerns.
	 * @return the node or {@code null}
	 */
	public @Nullable URI getNode() {
		return this.node;
	}

	/**
	 * Whether the server answered {@link ErrorCode#NOTHING_FOUND}.
	 * @return {@code true} for code -404
	 */
	public boolean isNothingFound() {
		return this.code != null && this.code == ErrorCode.NOTHING_FOUND.code();
	}

}

package dev.discovery.server.replication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The optional shared secret of a cluster: sent by this node on every request to a peer
 * and required from requests that claim to come from a server node.
 */
public final class PeerSecret {

	/** Header that carries the secret. */
	public static final String HEADER = "X-Discovery-Secret";

	private final byte @Nullable [] secret;

	/**
	 * Creates the secret holder.
	 * @param secret the configured secret; {@code null} or blank disables the check
	 */
	public PeerSecret(@Nullable String secret) {
		this.secret = (secret != null && !secret.isBlank()) ? secret.getBytes(StandardCharsets.UTF_8) : null;
	}

	/**
	 * Whether a secret is configured.
	 * @return {@code true} when peer requests must carry it
	 */
	public boolean isRequired() {
		return this.secret != null;
	}

	/**
	 * Whether a request presenting this header value may act as a server node.
	 * @param presented the header value or {@code null}
	 * @return {@code true} when no secret is configured or the value matches
	 */
	public boolean accepts(@Nullable String presented) {
		byte[] expected = this.secret;
		if (expected == null) {
			return true;
		}
		// Constant-time comparison, so the secret cannot be guessed byte by byte.
		return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
	}

	void applyTo(HttpHeaders headers) {
		byte[] value = this.secret;
		if (value != null) {
			headers.set(HEADER, new String(value, StandardCharsets.UTF_8));
		}
	}

}

package dev.discovery.server.replication;

import org.jspecify.annotations.Nullable;

import dev.discovery.protocol.Instance;

/**
 * What a peer answered to one request: a JSON envelope, an HTTP error, or nothing at all.
 *
 * @param httpStatus the HTTP status, 0 when the request failed before an answer
 * @param code the envelope's business code, {@code null} when the body was not an
 * envelope
 * @param instance the instance in the envelope's {@code data} (a -409 renew answer
 * carries the receiver's newer copy), {@code null} when absent
 * @param failure why there is no usable answer, {@code null} when there is one
 * @param authenticated whether the answer came from a node holding the cluster's secret
 * (always {@code true} without a secret)
 */
record PeerAnswer(int httpStatus, @Nullable Integer code, @Nullable Instance instance, @Nullable String failure,
		boolean authenticated) {

	PeerAnswer(int httpStatus, @Nullable Integer code, @Nullable Instance instance, @Nullable String failure) {
		this(httpStatus, code, instance, failure, true);
	}

	static PeerAnswer failed(String failure) {
		return new PeerAnswer(0, null, null, failure);
	}

	/**
	 * An answer that does not come from a peer: nothing in it counts.
	 */
	static PeerAnswer unauthenticated(int httpStatus, String failure) {
		return new PeerAnswer(httpStatus, null, null, failure, false);
	}

	/**
	 * Whether the peer answered with a JSON envelope, i.e. is reachable and alive (D10).
	 * Code -500 counts as unreachable, as in the reference, and so does -401 (the peer
	 * refuses this node's signature).
	 */
	boolean isAlive() {
		return this.code != null && this.code != -500 && this.code != -401;
	}

	int codeOr(int fallback) {
		return (this.code != null) ? this.code : fallback;
	}

	String describe() {
		if (this.failure != null) {
			return this.failure;
		}
		return "HTTP " + this.httpStatus + ((this.code != null) ? ", code " + this.code : "");
	}

}

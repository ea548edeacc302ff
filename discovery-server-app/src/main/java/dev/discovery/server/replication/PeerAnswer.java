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
 */
record PeerAnswer(int httpStatus, @Nullable Integer code, @Nullable Instance instance, @Nullable String failure) {

	static PeerAnswer failed(String failure) {
		return new PeerAnswer(0, null, null, failure);
	}

	/**
	 * Whether the peer answered with a JSON envelope, i.e. is reachable and alive (D10).
	 * Code -500 counts as unreachable, as in the reference.
	 */
	boolean isAlive() {
		return this.code != null && this.code != -500;
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

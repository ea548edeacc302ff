package dev.discovery.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Business codes of the kratos ecode table that discovery uses (docs/wire-protocol.md
 * §1.5).
 */
public enum ErrorCode {

	/** Success. */
	OK(0),

	/** Long poll ended without a change. */
	NOT_MODIFIED(-304),

	/** Bad request: binding, validation or semantic failure. */
	REQUEST_ERR(-400),

	/**
	 * A write that only server nodes may make, from a sender that did not authenticate as
	 * one (docs/cluster.md).
	 */
	UNAUTHORIZED(-401),

	/** Unknown app, zone or instance; or "your copy is newer" on a replicated renew. */
	NOTHING_FOUND(-404),

	/** Replicated renew: the receiver holds a newer copy. */
	CONFLICT(-409),

	/** Server error; also startup protection. */
	SERVER_ERR(-500);

	private final int code;

	ErrorCode(int code) {
		this.code = code;
	}

	/**
	 * The numeric code as it appears on the wire.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * The default message of this code: its decimal text, as the reference sends it.
	 * @return the message
	 */
	public String message() {
		return Integer.toString(this.code);
	}

	/**
	 * The constant for a wire code.
	 * @param code the numeric code
	 * @return the constant or {@code null} when discovery does not use that code
	 */
	public static @Nullable ErrorCode of(int code) {
		for (ErrorCode candidate : values()) {
			if (candidate.code == code) {
				return candidate;
			}
		}
		return null;
	}

}

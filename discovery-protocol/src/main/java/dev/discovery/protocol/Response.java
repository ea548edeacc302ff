package dev.discovery.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The standard envelope {@code {"code","message","ttl","data"}} as read by a client
 * (docs/wire-protocol.md §1.3).
 *
 * @param <T> type of the payload
 * @param code business code, 0 on success
 * @param message decimal code text or an error message
 * @param ttl always 1 when present
 * @param data payload, absent or {@code null} on most errors
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Response<T>(int code, @Nullable String message, int ttl, @Nullable T data) {

	/**
	 * Whether the code is {@link ErrorCode#OK}.
	 * @return {@code true} on success
	 */
	public boolean isOk() {
		return this.code == ErrorCode.OK.code();
	}

}

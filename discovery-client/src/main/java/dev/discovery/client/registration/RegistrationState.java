package dev.discovery.client.registration;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one registration, for health and the actuator endpoint.
 *
 * @param appid application id
 * @param hostname instance id
 * @param addrs published addresses
 * @param status {@code UP} or {@code OUT_OF_SERVICE}
 * @param registered whether the last register succeeded
 * @param lastRenew when the server last acknowledged this instance
 * @param lastError message of the last failure, {@code null} after a success
 * @param reregistrations how often the instance was registered again because a server had
 * forgotten it (renew or set answered -404)
 */
public record RegistrationState(String appid, String hostname, List<String> addrs, String status, boolean registered,
		@Nullable Instant lastRenew, @Nullable String lastError, long reregistrations) {

}

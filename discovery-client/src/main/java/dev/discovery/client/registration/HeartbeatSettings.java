package dev.discovery.client.registration;

import java.time.Duration;

/**
 * Timing of the renew loop.
 *
 * @param renewInterval time between renews
 * @param renewJitter at most this much is added to or removed from each interval
 * @param retryInterval time before a failed registration is tried again
 */
public record HeartbeatSettings(Duration renewInterval, Duration renewJitter, Duration retryInterval) {

}

package dev.discovery.samples.provider;

/**
 * Answer of {@code GET /hello}: who answered, so that callers can see the load spread.
 *
 * @param message the greeting
 * @param instanceId the instance id this provider is registered with (the bilibili
 * {@code hostname})
 * @param port the local port that served the request
 */
public record Greeting(String message, String instanceId, int port) {
}

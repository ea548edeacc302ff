package dev.discovery.samples.consumer;

/**
 * The provider's answer to {@code GET /hello}.
 *
 * @param message the greeting
 * @param instanceId the registered instance that answered
 * @param port the port that answered
 */
public record Greeting(String message, String instanceId, int port) {
}

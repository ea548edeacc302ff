package dev.discovery.client.transport;

import java.net.URI;

/**
 * An answer together with the node that gave it; timestamps are only meaningful for the
 * node that produced them.
 *
 * @param <T> type of the answer
 * @param node the node that answered
 * @param value the answer
 */
public record NodeAnswer<T>(URI node, T value) {

}

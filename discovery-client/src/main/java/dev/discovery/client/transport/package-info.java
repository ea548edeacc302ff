/**
 * HTTP transport of the discovery protocol: the declarative client, server node selection
 * and error translation.
 */
@NullMarked
package dev.discovery.client.transport;

import org.jspecify.annotations.NullMarked;

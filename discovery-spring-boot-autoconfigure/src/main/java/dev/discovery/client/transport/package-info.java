/**
 * Native-image hints of the client core's transport.
 */
@NullMarked
package dev.discovery.client.transport;

import org.jspecify.annotations.NullMarked;

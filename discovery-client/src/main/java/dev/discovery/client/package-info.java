/**
 * The discovery client core for plain Java: {@link dev.discovery.client.Discovery} and
 * its settings.
 */
@NullMarked
package dev.discovery.client;

import org.jspecify.annotations.NullMarked;

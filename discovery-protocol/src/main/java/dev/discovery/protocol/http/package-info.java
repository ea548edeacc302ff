/**
 * The declarative HTTP client of the discovery protocol, used by clients, by server nodes
 * talking to their peers and by tests.
 */
@NullMarked
package dev.discovery.protocol.http;

import org.jspecify.annotations.NullMarked;

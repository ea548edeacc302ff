/**
 * Conformance suite: checks the single-node items of docs/wire-protocol.md §13 over real
 * HTTP against a running discovery server.
 */
@NullMarked
package dev.discovery.server.conformance;

import org.jspecify.annotations.NullMarked;

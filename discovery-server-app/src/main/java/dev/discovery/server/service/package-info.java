/**
 * Applies discovery operations to the registry, then hands them to replication unless
 * they came from a peer.
 */
@NullMarked
package dev.discovery.server.service;

import org.jspecify.annotations.NullMarked;

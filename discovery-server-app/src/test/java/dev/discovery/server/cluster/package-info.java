/**
 * Cluster tests: several real server nodes on loopback ports replicating to each other.
 */
@NullMarked
package dev.discovery.server.cluster;

import org.jspecify.annotations.NullMarked;

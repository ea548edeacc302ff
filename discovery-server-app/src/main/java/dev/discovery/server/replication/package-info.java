/**
 * Cluster topology and replication of changes to peer nodes.
 */
@NullMarked
package dev.discovery.server.replication;

import org.jspecify.annotations.NullMarked;

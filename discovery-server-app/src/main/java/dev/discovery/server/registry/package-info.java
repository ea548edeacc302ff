/**
 * In-memory registry: apps, instances, leases, self-preservation guard and eviction;
 * plain Java, knows nothing of HTTP.
 */
@NullMarked
package dev.discovery.server.registry;

import org.jspecify.annotations.NullMarked;

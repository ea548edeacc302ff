/**
 * Spring Cloud view of the client core's discovery: DiscoveryClient,
 * ReactiveDiscoveryClient and the events of cache changes.
 */
@NullMarked
package dev.discovery.client.discovery;

import org.jspecify.annotations.NullMarked;

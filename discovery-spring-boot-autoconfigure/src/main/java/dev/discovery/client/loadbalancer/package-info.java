/**
 * Spring Cloud LoadBalancer support fed by the discovery cache.
 */
@NullMarked
package dev.discovery.client.loadbalancer;

import org.jspecify.annotations.NullMarked;

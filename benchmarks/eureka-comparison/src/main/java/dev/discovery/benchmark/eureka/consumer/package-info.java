/**
 * Consumer app of the comparison: reports what its DiscoveryClient and load balancer see.
 */
@NullMarked
package dev.discovery.benchmark.eureka.consumer;

import org.jspecify.annotations.NullMarked;

/**
 * Sample gateway: Spring Cloud Gateway routes to {@code lb://} URIs resolved through the
 * discovery server.
 */
@NullMarked
package dev.discovery.samples.gateway;

import org.jspecify.annotations.NullMarked;

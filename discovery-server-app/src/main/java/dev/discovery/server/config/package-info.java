/**
 * Configuration properties and wiring of the discovery server.
 */
@NullMarked
package dev.discovery.server.config;

import org.jspecify.annotations.NullMarked;

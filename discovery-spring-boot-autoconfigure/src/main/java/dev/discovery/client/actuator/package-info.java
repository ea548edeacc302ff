/**
 * Actuator health indicator and endpoint for the discovery client.
 */
@NullMarked
package dev.discovery.client.actuator;

import org.jspecify.annotations.NullMarked;

/**
 * Discovery of other applications: a local instance cache fed by one long poll (Spring
 * Cloud DiscoveryClient).
 */
@NullMarked
package dev.discovery.client.discovery;

import org.jspecify.annotations.NullMarked;

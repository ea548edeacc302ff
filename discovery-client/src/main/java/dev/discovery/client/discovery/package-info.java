/**
 * Discovery of other applications: a local instance cache fed by one long poll, lookups
 * and watches by app.
 */
@NullMarked
package dev.discovery.client.discovery;

import org.jspecify.annotations.NullMarked;

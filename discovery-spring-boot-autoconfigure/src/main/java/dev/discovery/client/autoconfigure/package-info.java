/**
 * Auto-configuration of the discovery client starter.
 */
@NullMarked
package dev.discovery.client.autoconfigure;

import org.jspecify.annotations.NullMarked;

/**
 * Lifecycle phases shared by every layer of the server.
 */
@NullMarked
package dev.discovery.server.lifecycle;

import org.jspecify.annotations.NullMarked;

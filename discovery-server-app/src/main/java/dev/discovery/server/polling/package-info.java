/**
 * Long polling: parked poll requests woken by registry changes.
 */
@NullMarked
package dev.discovery.server.polling;

import org.jspecify.annotations.NullMarked;

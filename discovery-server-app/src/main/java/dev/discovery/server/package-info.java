/**
 * The bilibili-compatible discovery server application.
 */
@NullMarked
package dev.discovery.server;

import org.jspecify.annotations.NullMarked;

/**
 * HTTP routes, parameter binding and response envelopes of the bilibili discovery API.
 */
@NullMarked
package dev.discovery.server.api;

import org.jspecify.annotations.NullMarked;

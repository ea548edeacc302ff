/**
 * Wire types of the bilibili discovery HTTP protocol, shared by the server and the
 * client.
 */
@NullMarked
package dev.discovery.protocol;

import org.jspecify.annotations.NullMarked;

/**
 * Sample provider: a small REST service that registers itself with a discovery server.
 */
@NullMarked
package dev.discovery.samples.provider;

import org.jspecify.annotations.NullMarked;

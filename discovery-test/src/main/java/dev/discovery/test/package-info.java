/**
 * An embedded discovery server for tests, and a small HTTP client to fake instances in
 * it.
 */
@NullMarked
package dev.discovery.test;

import org.jspecify.annotations.NullMarked;

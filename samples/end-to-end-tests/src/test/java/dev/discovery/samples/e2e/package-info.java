/**
 * The demo flow, end to end, with every application in this JVM.
 */
@NullMarked
package dev.discovery.samples.e2e;

import org.jspecify.annotations.NullMarked;

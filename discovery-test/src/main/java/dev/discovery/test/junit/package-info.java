/**
 * JUnit Jupiter support: one embedded discovery server per test class.
 */
@NullMarked
package dev.discovery.test.junit;

import org.jspecify.annotations.NullMarked;

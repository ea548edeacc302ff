/**
 * A small web application using the starter, as a user's application under test.
 */
@NullMarked
package dev.discovery.test.app;

import org.jspecify.annotations.NullMarked;

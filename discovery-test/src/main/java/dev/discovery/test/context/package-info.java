/**
 * Spring TestContext support: an embedded discovery server for each test application
 * context, with the starter pointed at it.
 */
@NullMarked
package dev.discovery.test.context;

import org.jspecify.annotations.NullMarked;

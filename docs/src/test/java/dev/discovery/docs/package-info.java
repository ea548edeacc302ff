/**
 * Checks that the generated documentation pages match the code they describe.
 */
@NullMarked
package dev.discovery.docs;

import org.jspecify.annotations.NullMarked;

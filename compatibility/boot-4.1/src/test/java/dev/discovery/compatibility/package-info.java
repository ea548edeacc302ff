/**
 * The starter on Spring Boot 4.1.
 */
@NullMarked
package dev.discovery.compatibility;

import org.jspecify.annotations.NullMarked;

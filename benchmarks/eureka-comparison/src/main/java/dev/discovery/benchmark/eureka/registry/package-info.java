/**
 * The Eureka server of the comparison (only on the Eureka server classpath).
 */
@NullMarked
package dev.discovery.benchmark.eureka.registry;

import org.jspecify.annotations.NullMarked;

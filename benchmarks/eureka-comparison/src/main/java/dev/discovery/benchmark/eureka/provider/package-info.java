/**
 * Provider app of the comparison, registered by whichever starter is on its classpath.
 */
@NullMarked
package dev.discovery.benchmark.eureka.provider;

import org.jspecify.annotations.NullMarked;

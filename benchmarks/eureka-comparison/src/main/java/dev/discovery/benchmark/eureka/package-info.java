/**
 * Runner of the Eureka comparison: starts each stack as child JVMs and measures them from
 * outside.
 */
@NullMarked
package dev.discovery.benchmark.eureka;

import org.jspecify.annotations.NullMarked;

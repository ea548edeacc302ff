/**
 * Sample reactive consumer: calls the provider by its appid through a load-balanced
 * WebClient.
 */
@NullMarked
package dev.discovery.samples.reactive;

import org.jspecify.annotations.NullMarked;

/**
 * Sample consumer: calls the provider by its appid through Spring Cloud LoadBalancer.
 */
@NullMarked
package dev.discovery.samples.consumer;

import org.jspecify.annotations.NullMarked;

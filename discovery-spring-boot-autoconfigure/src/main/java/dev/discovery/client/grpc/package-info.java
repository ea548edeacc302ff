/**
 * gRPC in a Spring Boot application: {@code discovery:///<appid>} channels fed by the
 * application's discovery cache, and the {@code grpc://} address of a Spring gRPC server
 * published with the registration.
 */
@NullMarked
package dev.discovery.client.grpc;

import org.jspecify.annotations.NullMarked;

/**
 * gRPC over discovery: the {@code discovery:///<appid>} name resolver and a weighted
 * round-robin load-balancing policy, on grpc-api only.
 */
@NullMarked
package dev.discovery.grpc;

import org.jspecify.annotations.NullMarked;

/**
 * The fault suite (issue 9): malformed input fuzzed over raw sockets, path variants
 * against every write route, keep-alive and pipelining, slow clients, a registration
 * storm and shutdown with parked polls, all over real HTTP to real servers. Long variants
 * run with {@code -Pfaults-long}.
 */
package dev.discovery.server.faults;

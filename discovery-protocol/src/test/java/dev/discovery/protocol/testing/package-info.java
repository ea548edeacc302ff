/**
 * Test support shared by the tests of every module (discovery-protocol's test jar).
 */
package dev.discovery.protocol.testing;

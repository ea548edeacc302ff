package dev.discovery.client.autoconfigure;

import dev.discovery.client.transport.NoDiscoveryNodesException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a missing {@code discovery.nodes} setting.
 */
class NoDiscoveryNodesFailureAnalyzer extends AbstractFailureAnalyzer<NoDiscoveryNodesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoDiscoveryNodesException cause) {
		return new FailureAnalysis(
				"The discovery client starter is on the classpath but no discovery server node is configured.",
				"Set 'discovery.nodes' (for example 'discovery.nodes=127.0.0.1:7171') or the DISCOVERY_NODES "
						+ "environment variable (comma-separated host:port list), or switch the starter off with "
						+ "'discovery.enabled=false'.",
				cause);
	}

}

package dev.discovery.client.autoconfigure;

import dev.discovery.client.transport.InvalidDiscoveryNodeException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code discovery.nodes} entry that is not a discovery server address.
 */
class InvalidDiscoveryNodeFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDiscoveryNodeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDiscoveryNodeException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Set 'discovery.nodes' (or the DISCOVERY_NODES environment variable) to a comma-separated list of "
						+ "host:port entries, for example 'discovery.nodes=127.0.0.1:7171', or http(s)://host:port "
						+ "URLs without a path.",
				cause);
	}

}

package dev.discovery.client.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveryEnvironmentPostProcessor}.
 */
class DiscoveryEnvironmentPostProcessorTests {

	@Test
	void kratosVariablesBecomeDiscoveryDefaults() {
		Map<String, Object> defaults = DiscoveryEnvironmentPostProcessor.defaults(Map.of("REGION", "sh", "ZONE",
				"sh001", "DEPLOY_ENV", "uat", "DISCOVERY_NODES", "10.0.0.1:7171,10.0.0.2:7171", "PATH", "/bin"));
		assertThat(defaults).containsOnly(Map.entry("discovery.region", "sh"), Map.entry("discovery.zone", "sh001"),
				Map.entry("discovery.env", "uat"), Map.entry("discovery.nodes", "10.0.0.1:7171,10.0.0.2:7171"));
	}

	@Test
	void emptyVariablesAreIgnored() {
		assertThat(DiscoveryEnvironmentPostProcessor.defaults(Map.of("ZONE", " "))).isEmpty();
	}

}

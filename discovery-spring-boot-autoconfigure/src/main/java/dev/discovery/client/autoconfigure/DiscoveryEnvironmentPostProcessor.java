package dev.discovery.client.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.discovery.client.DiscoveryConfig;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Takes the defaults of {@code discovery.*} from the environment variables kratos
 * services already use (REGION, ZONE, DEPLOY_ENV, DISCOVERY_NODES), and switches off
 * Spring Cloud LoadBalancer's cache, which the starter bypasses; all with the lowest
 * precedence so any explicit setting wins.
 */
public class DiscoveryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source added. */
	public static final String PROPERTY_SOURCE_NAME = "discoveryEnvironmentVariables";

	private static final Map<String, String> VARIABLES = Map.of(DiscoveryConfig.REGION_VARIABLE, "discovery.region",
			DiscoveryConfig.ZONE_VARIABLE, "discovery.zone", DiscoveryConfig.ENV_VARIABLE, "discovery.env",
			DiscoveryConfig.NODES_VARIABLE, "discovery.nodes");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = defaults(environment.getSystemEnvironment());
		if (environment.getProperty("discovery.enabled", Boolean.class, true)
				&& environment.getProperty("discovery.loadbalancer.enabled", Boolean.class, true)) {
			// The starter's instance supplier reads the discovery cache directly and
			// never
			// uses Spring Cloud LoadBalancer's cache, so that cache (and the advice to
			// back it with Caffeine it logs at start-up) is off unless set explicitly.
			defaults.put("spring.cloud.loadbalancer.cache.enabled", "false");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	static Map<String, Object> defaults(Map<String, Object> variables) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		VARIABLES.forEach((variable, property) -> {
			Object value = variables.get(variable);
			if (value != null && StringUtils.hasText(value.toString())) {
				defaults.put(property, value.toString().trim());
			}
		});
		return defaults;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

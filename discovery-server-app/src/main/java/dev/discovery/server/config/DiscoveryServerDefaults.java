package dev.discovery.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.discovery.server.DiscoveryServerApplication;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the server's defaults (port 7171, actuator exposure,
 * REGION/ZONE/DEPLOY_ENV/HOSTNAME mapping) with the lowest precedence, and only to the
 * discovery server application itself: an application that merely has this jar on its
 * classpath (a test using discovery-test, for example) must not inherit them, which an
 * {@code application.yml} in the jar would cause.
 */
final class DiscoveryServerDefaults implements EnvironmentPostProcessor {

	static final String NAME = "discoveryServerDefaults";

	static final String LOCATION = "classpath:dev/discovery/server/discovery-server-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(DiscoveryServerApplication.class)
				|| environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			environment.getPropertySources().addLast(new ResourcePropertySource(NAME, LOCATION));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + LOCATION, ex);
		}
	}

}

package dev.discovery.client.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The host name this application calls itself: the HOSTNAME environment variable (as
 * kratos reads it), else the host name Spring Cloud detects.
 */
final class LocalHostName {

	private LocalHostName() {
	}

	static String of(Environment environment, @Nullable InetUtils inetUtils) {
		String hostname = environment.getProperty("HOSTNAME");
		if (StringUtils.hasText(hostname)) {
			return hostname;
		}
		return (inetUtils != null) ? inetUtils.findFirstNonLoopbackHostInfo().getHostname() : "localhost";
	}

	static String pollerIdentity(DiscoveryClientProperties properties, Environment environment,
			@Nullable InetUtils inetUtils) {
		String configured = properties.getHostname();
		return StringUtils.hasText(configured) ? configured : of(environment, inetUtils);
	}

}

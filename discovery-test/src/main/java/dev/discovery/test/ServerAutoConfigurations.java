package dev.discovery.test;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Chooses the auto-configurations the embedded server context leaves out.
 * <p>
 * The server runs on the test's class path, which also holds everything the application
 * under test needs. Data sources, security, messaging or the application's own starters
 * would configure themselves inside the server too: a missing database URL stops it from
 * starting, Spring Security locks its endpoints. The server needs web, Netty, Jackson and
 * actuator support only, so everything outside Spring Boot and Spring Cloud, and the
 * Spring Boot modules it does not use, is excluded.
 */
final class ServerAutoConfigurations {

	private static final List<String> KEPT = List.of("org.springframework.boot.", "org.springframework.cloud.");

	// first package segment after the prefix: org.springframework.boot.jdbc.autoconfigure
	// is "jdbc", org.springframework.cloud.gateway.config is "gateway"
	private static final List<String> LEFT_OUT = List.of("activemq", "amqp", "artemis", "batch", "bus", "cache",
			"cassandra", "config", "consul", "couchbase", "data", "elasticsearch", "flyway", "function", "gateway",
			"graphql", "hazelcast", "hibernate", "integration", "jdbc", "jms", "jooq", "jpa", "kafka", "kubernetes",
			"ldap", "liquibase", "loadbalancer", "mail", "mongodb", "neo4j", "netflix", "pulsar", "quartz", "r2dbc",
			"rsocket", "security", "session", "sql", "stream", "vault", "webservices", "websocket", "zookeeper");

	private ServerAutoConfigurations() {
	}

	/**
	 * The auto-configurations on the class path that the server does not need.
	 * @param classLoader the class loader the server runs with
	 * @return class names for {@code spring.autoconfigure.exclude}
	 */
	static List<String> excluded(ClassLoader classLoader) {
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> !isKept(name))
			.toList();
	}

	static boolean isKept(String className) {
		for (String prefix : KEPT) {
			if (className.startsWith(prefix)) {
				return !isLeftOut(className.substring(prefix.length()));
			}
		}
		return false;
	}

	private static boolean isLeftOut(String module) {
		String first = module.substring(0, Math.max(module.indexOf('.'), 0));
		return LEFT_OUT.contains(first);
	}

}

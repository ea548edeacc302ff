package dev.discovery.server.faults;

import java.util.ArrayList;
import java.util.List;

import dev.discovery.server.DiscoveryServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A discovery server started in this JVM on a random loopback port, with a short read
 * timeout and poll hold so that slow-client and poll faults resolve quickly. The two
 * shared servers (with and without the replication secret) are started once per test JVM
 * and stopped when it exits.
 */
final class FaultServer {

	static final String SECRET = "fault-suite-secret";

	private static FaultServer open;

	private static FaultServer secret;

	private final ConfigurableApplicationContext context;

	private FaultServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static FaultServer start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "discovery.server.zone=sh001",
						"discovery.server.env=dev", "discovery.server.host=fault1", "discovery.server.region=sh",
						"discovery.server.limits.read-timeout=1s", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		String[] args = all.stream().map((property) -> "--" + property).toArray(String[]::new);
		return new FaultServer(new SpringApplicationBuilder(DiscoveryServerApplication.class).run(args));
	}

	/**
	 * The shared server without a replication secret.
	 */
	static synchronized FaultServer open() {
		if (open == null) {
			open = shared(start("discovery.server.poll-timeout=100ms"));
		}
		return open;
	}

	/**
	 * The shared server with a replication secret.
	 */
	static synchronized FaultServer secret() {
		if (secret == null) {
			secret = shared(
					start("discovery.server.poll-timeout=100ms", "discovery.server.replication.secret=" + SECRET));
		}
		return secret;
	}

	private static FaultServer shared(FaultServer server) {
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Stops the server. Not {@link AutoCloseable} on purpose: jqwik closes auto-closeable
	 * fields of a test class, and the shared servers outlive every class.
	 */
	void stop() {
		this.context.close();
	}

}

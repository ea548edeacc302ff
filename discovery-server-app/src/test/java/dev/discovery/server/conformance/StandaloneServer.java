package dev.discovery.server.conformance;

import java.util.ArrayList;
import java.util.List;

import dev.discovery.server.DiscoveryServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A server with its own configuration, started and stopped by one test class (startup
 * protection and self-renew need a fresh server each).
 */
final class StandaloneServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private StandaloneServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a server on a random loopback port, zone sh001, env dev, host test1, plus
	 * {@code properties}.
	 */
	static StandaloneServer start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "discovery.server.zone=sh001",
						"discovery.server.env=dev", "discovery.server.host=test1", "discovery.server.region=sh"));
		all.addAll(List.of(properties));
		// command-line arguments, so that they win over the application.yml defaults
		String[] args = all.stream().map((property) -> "--" + property).toArray(String[]::new);
		return new StandaloneServer(new SpringApplicationBuilder(DiscoveryServerApplication.class).run(args));
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

}

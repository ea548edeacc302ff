package dev.discovery.test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.server.DiscoveryServerApplication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * A real discovery server running in this JVM on a loopback port, for tests.
 * <p>
 * Create one with {@link #builder()}, {@link #start()} it, point the application under
 * test at {@link #address()} (or use {@link #clientProperties()}), and {@link #stop()} it
 * at the end. The first start picks a free port; later starts, including
 * {@link #restart()}, use the same port so that clients keep their configured node.
 */
public final class EmbeddedDiscoveryServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedDiscoveryServer.class);

	/** Interface the server listens on; tests may contact nothing else. */
	public static final String HOST = "127.0.0.1";

	private static final String CONFIG_LOCATION = "optional:classpath:/dev/discovery/test/embedded-discovery-server.properties";

	private final String region;

	private final String zone;

	private final String env;

	private final Map<String, String> properties;

	private final Object monitor = new Object();

	private int port;

	private @Nullable ConfigurableApplicationContext context;

	private @Nullable RegistryClient registry;

	private EmbeddedDiscoveryServer(Builder builder) {
		this.region = builder.region;
		this.zone = builder.zone;
		this.env = builder.env;
		this.port = builder.port;
		this.properties = Map.copyOf(builder.properties);
	}

	/**
	 * Start describing a server: region {@code region01}, zone {@code zone01}, env
	 * {@code dev} and a free port unless told otherwise.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start the server and wait until it accepts requests; does nothing when it runs.
	 * @return this server
	 * @throws EmbeddedDiscoveryServerException if the server cannot start
	 */
	public EmbeddedDiscoveryServer start() {
		synchronized (this.monitor) {
			if (this.context == null) {
				this.context = run();
				this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
				logger.info("Embedded discovery server listening on " + address() + " (region " + this.region
						+ ", zone " + this.zone + ", env " + this.env + ")");
			}
			return this;
		}
	}

	/**
	 * Stop the server at once, without a graceful drain: parked long polls and
	 * connections are closed. Does nothing when it is not running.
	 */
	public void stop() {
		synchronized (this.monitor) {
			if (this.context != null) {
				this.context.close();
				this.context = null;
			}
		}
	}

	/**
	 * Stop the server and start an empty one on the same port, as a real server that
	 * restarts loses its registry: clients notice on their next renew and register again.
	 * @return this server
	 */
	public EmbeddedDiscoveryServer restart() {
		synchronized (this.monitor) {
			Assert.state(this.port != 0, "The server has not been started");
			stop();
			return start();
		}
	}

	/**
	 * Whether the server runs.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		synchronized (this.monitor) {
			return this.context != null;
		}
	}

	/**
	 * The port the server listens on, kept across restarts.
	 * @return the port
	 * @throws IllegalStateException if the server has never been started
	 */
	public int port() {
		synchronized (this.monitor) {
			Assert.state(this.port != 0, "The server has not been started");
			return this.port;
		}
	}

	/**
	 * The node address as clients configure it in {@code discovery.nodes}.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return HOST + ":" + port();
	}

	/**
	 * The base URL of the server's HTTP API.
	 * @return {@code http://127.0.0.1:port}
	 */
	public URI url() {
		return URI.create("http://" + address());
	}

	/**
	 * The region the server runs in.
	 * @return the region
	 */
	public String region() {
		return this.region;
	}

	/**
	 * The zone the server runs in.
	 * @return the zone
	 */
	public String zone() {
		return this.zone;
	}

	/**
	 * The deploy environment of the server; clients register and look up in it.
	 * @return the env
	 */
	public String env() {
		return this.env;
	}

	/**
	 * The starter's properties that point an application at this server:
	 * {@code discovery.nodes}, {@code discovery.region}, {@code discovery.zone} and
	 * {@code discovery.env}.
	 * @return property names and values, in that order
	 */
	public Map<String, String> clientProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("discovery.nodes", address());
		properties.put("discovery.region", this.region);
		properties.put("discovery.zone", this.zone);
		properties.put("discovery.env", this.env);
		return properties;
	}

	/**
	 * {@link #clientProperties()} as command-line arguments, for
	 * {@code SpringApplication.run(...)}; they take precedence over the application's own
	 * configuration files.
	 * @return arguments such as {@code --discovery.nodes=127.0.0.1:port}
	 */
	public String[] clientArguments() {
		return clientProperties().entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * A client for the server's HTTP API, to fake instances of other applications or to
	 * check what is registered.
	 * @return the client, talking to this server in its zone and env
	 */
	public RegistryClient registry() {
		synchronized (this.monitor) {
			if (this.registry == null) {
				this.registry = new RegistryClient(this);
			}
			return this.registry;
		}
	}

	/**
	 * The server's application context, for tests that need one of its beans.
	 * @return the running context
	 * @throws IllegalStateException if the server is not running
	 */
	public ConfigurableApplicationContext applicationContext() {
		synchronized (this.monitor) {
			Assert.state(this.context != null, "The server is not running");
			return this.context;
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		synchronized (this.monitor) {
			return "EmbeddedDiscoveryServer[" + ((this.port != 0) ? HOST + ":" + this.port : "not started") + ", "
					+ this.region + "/" + this.zone + "/" + this.env + ((this.context != null) ? "" : ", stopped")
					+ "]";
		}
	}

	private ConfigurableApplicationContext run() {
		try {
			return new SpringApplicationBuilder(DiscoveryServerApplication.class).web(WebApplicationType.REACTIVE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.registerShutdownHook(false)
				.initializers(new IsolatedReactorResources(), new ImmediateNettyStop())
				.run(arguments());
		}
		catch (RuntimeException ex) {
			throw new EmbeddedDiscoveryServerException("Embedded discovery server did not start on " + HOST + ":"
					+ this.port + ((this.port != 0) ? " (is the port still in use?)" : ""), ex);
		}
	}

	// Command-line arguments win over system properties and environment variables that
	// are meant for the application under test (SERVER_PORT, spring.config.location...).
	private String[] arguments() {
		Map<String, String> arguments = new LinkedHashMap<>(this.properties);
		// the application's own application.yml is not the server's configuration
		arguments.put("spring.config.location", CONFIG_LOCATION);
		arguments.put("spring.main.web-application-type", "reactive");
		arguments.put("server.address", HOST);
		arguments.put("server.port", Integer.toString(this.port));
		arguments.put("discovery.server.region", this.region);
		arguments.put("discovery.server.zone", this.zone);
		arguments.put("discovery.server.env", this.env);
		arguments.putIfAbsent("discovery.server.host", "embedded-discovery-server");
		// the starter is on the same class path: it must not register the server itself
		arguments.put("discovery.enabled", "false");
		arguments.put("spring.cloud.discovery.enabled", "false");
		arguments.put("spring.cloud.service-registry.auto-registration.enabled", "false");
		List<String> excluded = new ArrayList<>(ServerAutoConfigurations.excluded(getClass().getClassLoader()));
		if (!excluded.isEmpty()) {
			arguments.merge("spring.autoconfigure.exclude", String.join(",", excluded),
					(own, computed) -> own + "," + computed);
		}
		return arguments.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Describes an {@link EmbeddedDiscoveryServer}.
	 */
	public static final class Builder {

		private String region = "region01";

		private String zone = "zone01";

		private String env = "dev";

		private int port;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the region.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(String region) {
			Assert.hasText(region, "'region' must not be empty");
			this.region = region;
			return this;
		}

		/**
		 * Set the zone.
		 * @param zone the zone
		 * @return this builder
		 */
		public Builder zone(String zone) {
			Assert.hasText(zone, "'zone' must not be empty");
			this.zone = zone;
			return this;
		}

		/**
		 * Set the deploy environment.
		 * @param env the env
		 * @return this builder
		 */
		public Builder env(String env) {
			Assert.hasText(env, "'env' must not be empty");
			this.env = env;
			return this;
		}

		/**
		 * Listen on a fixed port instead of a free one.
		 * @param port the port, {@code 0} for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			Assert.isTrue(port >= 0 && port <= 65535, "'port' must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * Set one of the server's configuration properties, for example
		 * {@code discovery.server.eviction.lease-duration}.
		 * @param name the property name
		 * @param value the value
		 * @return this builder
		 */
		public Builder property(String name, String value) {
			Assert.hasText(name, "'name' must not be empty");
			this.properties.put(name, value);
			return this;
		}

		/**
		 * Create the server; it does not run until
		 * {@link EmbeddedDiscoveryServer#start()}.
		 * @return the server
		 */
		public EmbeddedDiscoveryServer build() {
			return new EmbeddedDiscoveryServer(this);
		}

	}

}

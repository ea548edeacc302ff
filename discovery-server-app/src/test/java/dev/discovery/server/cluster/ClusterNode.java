package dev.discovery.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import dev.discovery.server.DiscoveryServerApplication;
import dev.discovery.server.replication.PeerReplicator;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One server node of a test cluster, on a loopback port chosen before start so that the
 * nodes can be told each other's addresses.
 */
final class ClusterNode implements AutoCloseable {

	private final int port;

	private final String zone;

	private final List<String> properties;

	private volatile ConfigurableApplicationContext context;

	private ClusterNode(int port, String zone, List<String> properties) {
		this.port = port;
		this.zone = zone;
		this.properties = properties;
	}

	/**
	 * A node that is not started yet.
	 * @param port its port
	 * @param zone its zone
	 * @param nodes {@code host:port} of every node of its zone, itself included
	 * @param properties more properties ({@code name=value})
	 */
	static ClusterNode configure(int port, String zone, List<String> nodes, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=" + port, "server.address=127.0.0.1",
				"discovery.server.zone=" + zone, "discovery.server.env=dev", "discovery.server.region=test",
				"discovery.server.host=node-" + port, "discovery.server.advertise-address=" + address(port),
				"discovery.server.nodes=" + String.join(",", nodes), "discovery.server.replication.max-backoff=500ms",
				"discovery.server.replication.drain-timeout=200ms", "spring.main.banner-mode=off"));
		for (String property : properties) {
			// A property given here replaces the default above.
			String name = property.substring(0, property.indexOf('=') + 1);
			all.removeIf((existing) -> existing.startsWith(name));
			all.add(property);
		}
		return new ClusterNode(port, zone, all);
	}

	ClusterNode start() {
		// Command-line arguments, so that they win over application.yml.
		this.context = new SpringApplicationBuilder(DiscoveryServerApplication.class)
			.run(this.properties.stream().map((property) -> "--" + property).toArray(String[]::new));
		return this;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String address(int port) {
		return "127.0.0.1:" + port;
	}

	int port() {
		return this.port;
	}

	String address() {
		return address(this.port);
	}

	String zone() {
		return this.zone;
	}

	DiscoveryHttp http() {
		return new DiscoveryHttp(this.port);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Changes waiting to be replicated by this node.
	 */
	int pendingReplication() {
		return bean(PeerReplicator.class).pending();
	}

	boolean isRunning() {
		return this.context != null && this.context.isActive();
	}

	@Override
	public void close() {
		ConfigurableApplicationContext running = this.context;
		if (running != null && running.isActive()) {
			running.close();
		}
	}

}

package dev.discovery.client.wire;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.discovery.client.autoconfigure.DiscoveryClientAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryServiceRegistryAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryTransportAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

/**
 * The starter as an application uses it, configured with proxies as its server nodes.
 */
final class WireClients {

	/** The poller identity the clients send. */
	static final String HOSTNAME = "wire-client";

	/**
	 * The zone of the clients. The server publishes itself in zone sh001, so clients of
	 * another zone keep using their seed nodes, the proxies, instead of moving to the
	 * server's own address.
	 */
	static final String ZONE = "sh002";

	private WireClients() {
	}

	/**
	 * A client of the given nodes in {@link #ZONE}, env dev, with short back-offs.
	 * @param nodes the proxies to use as seed nodes
	 * @return the runner
	 */
	static ApplicationContextRunner client(RecordingProxy... nodes) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class,
							DiscoveryClientAutoConfiguration.class, DiscoveryServiceRegistryAutoConfiguration.class))
			.withPropertyValues(
					"discovery.nodes="
							+ Arrays.stream(nodes).map(RecordingProxy::node).collect(Collectors.joining(",")),
					"discovery.region=sh", "discovery.zone=" + ZONE, "discovery.env=dev",
					"discovery.hostname=" + HOSTNAME, "discovery.poll.error-backoff=100ms",
					"discovery.instance.advertise-address=127.0.0.1", "spring.application.name=wire.client");
	}

}

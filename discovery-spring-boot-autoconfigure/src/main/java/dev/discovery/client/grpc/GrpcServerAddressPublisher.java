package dev.discovery.client.grpc;

import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.transport.NodeAddress;

import org.springframework.context.ApplicationListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Adds {@code grpc://<published host>:<port>} of a Spring gRPC server that started to the
 * registration's addresses, as kratos publishes its gRPC endpoint; an instance already
 * registered is registered again with it.
 */
public class GrpcServerAddressPublisher implements ApplicationListener<GrpcServerStartedEvent> {

	private final DiscoveryServiceRegistry registry;

	private final DiscoveryRegistration registration;

	/**
	 * Create the publisher.
	 * @param registry sends the registration again
	 * @param registration the local instance
	 */
	public GrpcServerAddressPublisher(DiscoveryServiceRegistry registry, DiscoveryRegistration registration) {
		this.registry = registry;
		this.registration = registration;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		// an in-process server has no port to publish
		if (event.getPort() > 0 && this.registration
			.addAddr("grpc://" + NodeAddress.uriHost(this.registration.getHost()) + ":" + event.getPort())) {
			this.registry.metadataChanged(this.registration);
		}
	}

}

package dev.discovery.client.grpc;

import dev.discovery.client.autoconfigure.DiscoveryClientAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryGrpcAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryServiceRegistryAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryTransportAutoConfiguration;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.grpc.DiscoveryNameResolverProvider;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The gRPC auto-configuration: the application's name resolver provider and the published
 * {@code grpc://} address of a Spring gRPC server.
 */
class DiscoveryGrpcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class,
				DiscoveryClientAutoConfiguration.class, DiscoveryServiceRegistryAutoConfiguration.class,
				DiscoveryGrpcAutoConfiguration.class))
		.withPropertyValues("discovery.nodes=127.0.0.1:9", "discovery.zone=sh001", "discovery.hostname=test-host",
				"discovery.instance.advertise-address=127.0.0.1", "spring.application.name=demo.app",
				"discovery.poll.error-backoff=10s");

	@Test
	void discoveryTargetsResolveThroughTheApplicationsCacheWhileTheContextRuns() {
		this.contextRunner.run((context) -> assertThat(discoveryProvider().priority())
			.isEqualTo(ApplicationNameResolverRegistrar.PRIORITY));
		assertThat(discoveryProvider().priority()).isEqualTo(DiscoveryNameResolverProvider.DEFAULT_PRIORITY);
	}

	@Test
	void aSpringGrpcServerPublishesItsGrpcAddress() {
		this.contextRunner.run((context) -> {
			DiscoveryRegistration registration = context.getBean(DiscoveryRegistration.class);
			registration.initializePort(8080);
			context.publishEvent(
					new GrpcServerStartedEvent(mock(GrpcServerLifecycle.class), mock(Server.class), "127.0.0.1", 9090));
			assertThat(registration.addrs()).containsExactly("http://127.0.0.1:8080", "grpc://127.0.0.1:9090");
		});
	}

	private static Priority discoveryProvider() {
		NameResolverProvider provider = NameResolverRegistry.getDefaultRegistry()
			.getProviderForScheme(DiscoveryNameResolverProvider.SCHEME);
		assertThat(provider).isInstanceOf(DiscoveryNameResolverProvider.class);
		return new Priority(provider);
	}

	private record Priority(NameResolverProvider provider) {

		int priority() {
			try {
				var method = NameResolverProvider.class.getDeclaredMethod("priority");
				method.setAccessible(true);
				return (int) method.invoke(this.provider);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}

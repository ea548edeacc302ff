package dev.discovery.client.autoconfigure;

import dev.discovery.client.grpc.ApplicationNameResolverRegistrar;
import dev.discovery.client.grpc.GrpcServerAddressPublisher;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.grpc.DiscoveryNameResolverProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * gRPC on discovery: {@code discovery:///<appid>} channels resolve from the application's
 * cache when {@code discovery-grpc} is on the class path, and a Spring gRPC server's
 * {@code grpc://} address is published with the registration.
 */
@AutoConfiguration(after = { DiscoveryClientAutoConfiguration.class, DiscoveryServiceRegistryAutoConfiguration.class })
@ConditionalOnDiscoveryClientEnabled
public final class DiscoveryGrpcAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DiscoveryNameResolverProvider.class)
	@ConditionalOnDiscoveryEnabled
	static class NameResolverConfiguration {

		@Bean
		static ApplicationNameResolverRegistrar discoveryNameResolverRegistrar(Environment environment) {
			return new ApplicationNameResolverRegistrar(environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent")
	@ConditionalOnBean({ DiscoveryServiceRegistry.class, DiscoveryRegistration.class })
	static class ServerAddressConfiguration {

		@Bean
		GrpcServerAddressPublisher discoveryGrpcServerAddressPublisher(DiscoveryServiceRegistry registry,
				DiscoveryRegistration registration) {
			return new GrpcServerAddressPublisher(registry, registration);
		}

	}

}

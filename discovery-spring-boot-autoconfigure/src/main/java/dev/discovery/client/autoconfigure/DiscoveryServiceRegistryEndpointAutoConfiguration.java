package dev.discovery.client.autoconfigure;

import dev.discovery.client.actuator.DiscoveryServiceRegistryWebExtension;
import dev.discovery.client.registration.DiscoveryServiceRegistry;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.endpoint.ServiceRegistryEndpoint;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the web extension that checks statuses posted to the
 * {@code serviceregistry} actuator endpoint, so that unknown ones answer 400.
 */
@AutoConfiguration(after = { ServiceRegistryAutoConfiguration.class, DiscoveryServiceRegistryAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ DiscoveryServiceRegistry.class, ServiceRegistryEndpoint.class })
public final class DiscoveryServiceRegistryEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscoveryServiceRegistryWebExtension discoveryServiceRegistryWebExtension(ServiceRegistryEndpoint endpoint) {
		return new DiscoveryServiceRegistryWebExtension(endpoint);
	}

}

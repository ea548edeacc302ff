package dev.discovery.client.autoconfigure;

import dev.discovery.client.actuator.DiscoveryEndpoint;
import dev.discovery.client.actuator.DiscoveryHealthIndicator;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.transport.DiscoveryNodes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the discovery health indicator and the {@code discovery} actuator
 * endpoint.
 */
@AutoConfiguration(after = { DiscoveryClientAutoConfiguration.class, DiscoveryServiceRegistryAutoConfiguration.class })
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnBean(DiscoveryNodes.class)
public final class DiscoveryActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("discovery")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DiscoveryHealthIndicator discoveryHealthIndicator(ObjectProvider<InstancePoller> poller,
				ObjectProvider<DiscoveryServiceRegistry> registry) {
			return new DiscoveryHealthIndicator(poller.getIfAvailable(), registry.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		DiscoveryEndpoint discoveryEndpoint(DiscoveryNodes nodes, ObjectProvider<InstanceCache> cache,
				ObjectProvider<InstancePoller> poller, ObjectProvider<DiscoveryServiceRegistry> registry) {
			return new DiscoveryEndpoint(nodes, cache.getIfAvailable(), poller.getIfAvailable(),
					registry.getIfAvailable());
		}

	}

}

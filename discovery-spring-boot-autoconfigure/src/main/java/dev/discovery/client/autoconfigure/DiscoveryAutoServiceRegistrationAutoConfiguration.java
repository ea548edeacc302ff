package dev.discovery.client.autoconfigure;

import java.time.Clock;

import dev.discovery.client.registration.DiscoveryAutoServiceRegistration;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the automatic registration once the web server has its port.
 */
@AutoConfiguration(after = { AutoServiceRegistrationConfiguration.class, AutoServiceRegistrationAutoConfiguration.class,
		DiscoveryServiceRegistryAutoConfiguration.class })
@ConditionalOnClass(WebServerInitializedEvent.class)
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnProperty(value = "spring.cloud.service-registry.auto-registration.enabled", matchIfMissing = true)
@ConditionalOnBean({ AutoServiceRegistrationProperties.class, DiscoveryServiceRegistry.class,
		DiscoveryRegistration.class })
public final class DiscoveryAutoServiceRegistrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscoveryAutoServiceRegistration discoveryAutoServiceRegistration(ApplicationContext context,
			DiscoveryServiceRegistry registry, AutoServiceRegistrationProperties autoRegistration,
			DiscoveryRegistration registration, DiscoverySchedulers schedulers, DiscoveryClientProperties properties) {
		return new DiscoveryAutoServiceRegistration(context, registry, autoRegistration, registration,
				schedulers.renew(), Clock.systemUTC(), properties.getInstance().getDrainDelay());
	}

}

package dev.discovery.client.autoconfigure;

import java.time.Clock;

import dev.discovery.client.discovery.CachedDiscoveryClient;
import dev.discovery.client.discovery.DiscoveryEvents;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.discovery.PollHealth;
import dev.discovery.client.discovery.PollerSettings;
import dev.discovery.client.discovery.ServiceCatalog;
import dev.discovery.client.discovery.ServiceInstances;
import dev.discovery.client.transport.DiscoveryTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistration;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of discovery: the client core's instance cache, long-poll loop and
 * lookups (one poller per application, whatever uses it), their Spring Cloud events and
 * the blocking {@link DiscoveryClient}.
 */
@AutoConfiguration(before = { SimpleDiscoveryClientAutoConfiguration.class, CommonsClientAutoConfiguration.class },
		after = { UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class })
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnBean(DiscoveryTransport.class)
public final class DiscoveryClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceCache discoveryInstanceCache(DiscoveryClientProperties properties) {
		return new InstanceCache(properties.getPoll().isKeepLastNonEmpty());
	}

	@Bean
	@ConditionalOnMissingBean
	InstancePoller discoveryInstancePoller(DiscoveryTransport transport, InstanceCache cache,
			DiscoverySchedulers schedulers, DiscoveryClientProperties properties, Environment environment,
			ObjectProvider<InetUtils> inetUtils) {
		PollerSettings settings = new PollerSettings(properties.getEnv(),
				LocalHostName.pollerIdentity(properties, environment, inetUtils.getIfAvailable()),
				properties.getPoll().getErrorBackoff(), properties.getSubscriptions(),
				properties.getPoll().getRejoinGrace());
		return new InstancePoller(transport, cache, schedulers.pollTimer(), new PollHealth(Clock.systemUTC()),
				settings);
	}

	@Bean
	InstancePollerLifecycle discoveryInstancePollerLifecycle(InstancePoller poller) {
		return new InstancePollerLifecycle(poller);
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryInstances discoveryInstances(DiscoveryTransport transport, InstanceCache cache, InstancePoller poller,
			DiscoveryClientProperties properties) {
		return new DiscoveryInstances(transport, cache, poller, properties.getEnv());
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceInstances discoveryServiceInstances(DiscoveryInstances instances) {
		return new ServiceInstances(instances);
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	ServiceCatalog discoveryServiceCatalog(DiscoveryTransport transport, InstanceCache cache,
			DiscoverySchedulers schedulers, DiscoveryClientProperties properties) {
		return new ServiceCatalog(transport, cache, schedulers.catalogTimer(), properties.getEnv(),
				properties.getServicesTtl(), properties.getPoll().getErrorBackoff());
	}

	@Bean
	DiscoveryEvents discoveryEvents(ApplicationEventPublisher publisher, DiscoveryInstances instances,
			ServiceCatalog catalog, InstancePoller poller, DiscoveryClientProperties properties,
			ObjectProvider<AutoServiceRegistration> autoRegistration) {
		DiscoveryEvents events = new DiscoveryEvents(publisher);
		events.follow(instances, catalog);
		// an application that registers gets the event from its auto-registration
		poller.health().onFirstContact(() -> {
			if (autoRegistration.getIfAvailable() == null) {
				events.initialized(properties);
			}
		});
		return events;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBlockingDiscoveryEnabled
	static class BlockingDiscoveryClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CachedDiscoveryClient cachedDiscoveryClient(ServiceInstances instances, ServiceCatalog catalog,
				DiscoveryClientProperties properties) {
			return new CachedDiscoveryClient(instances, catalog, properties.getOrder());
		}

	}

}

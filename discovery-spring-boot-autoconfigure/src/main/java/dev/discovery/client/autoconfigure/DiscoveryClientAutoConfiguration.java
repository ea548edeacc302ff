package dev.discovery.client.autoconfigure;

import java.time.Clock;

import dev.discovery.client.discovery.CachedDiscoveryClient;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.discovery.PollerSettings;
import dev.discovery.client.discovery.ServiceCatalog;
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
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of discovery: the instance cache, the long-poll loop and the
 * blocking {@link DiscoveryClient}.
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
			DiscoverySchedulers schedulers, ApplicationEventPublisher events, DiscoveryClientProperties properties,
			Environment environment, ObjectProvider<InetUtils> inetUtils) {
		PollerSettings settings = new PollerSettings(properties.getEnv(),
				LocalHostName.pollerIdentity(properties, environment, inetUtils.getIfAvailable()),
				properties.getPoll().getErrorBackoff(), properties.getSubscriptions());
		return new InstancePoller(transport, cache, schedulers.poll(), Clock.systemUTC(), events, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryInstances discoveryInstances(DiscoveryTransport transport, InstanceCache cache, InstancePoller poller,
			ApplicationEventPublisher events, DiscoveryClientProperties properties) {
		return new DiscoveryInstances(transport, cache, poller, events, properties.getEnv());
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceCatalog discoveryServiceCatalog(DiscoveryTransport transport, InstanceCache cache,
			ApplicationEventPublisher events, DiscoveryClientProperties properties) {
		return new ServiceCatalog(transport, cache, events, Clock.systemUTC(), properties.getEnv(),
				properties.getServicesTtl());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBlockingDiscoveryEnabled
	static class BlockingDiscoveryClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CachedDiscoveryClient cachedDiscoveryClient(DiscoveryInstances instances, ServiceCatalog catalog,
				DiscoveryClientProperties properties) {
			return new CachedDiscoveryClient(instances, catalog, properties.getOrder());
		}

	}

}

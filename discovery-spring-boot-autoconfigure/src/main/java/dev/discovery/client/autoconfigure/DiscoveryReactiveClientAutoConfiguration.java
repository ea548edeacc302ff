package dev.discovery.client.autoconfigure;

import dev.discovery.client.discovery.CachedReactiveDiscoveryClient;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.ServiceInstances;
import dev.discovery.client.discovery.ServiceCatalog;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryHealthIndicatorEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.health.DiscoveryClientHealthIndicatorProperties;
import org.springframework.cloud.client.discovery.health.reactive.ReactiveDiscoveryClientHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the
 * {@link org.springframework.cloud.client.discovery.ReactiveDiscoveryClient} and its
 * health indicator.
 */
@AutoConfiguration(
		after = { ReactiveCompositeDiscoveryClientAutoConfiguration.class, DiscoveryClientAutoConfiguration.class },
		before = ReactiveCommonsClientAutoConfiguration.class)
@ConditionalOnClass(Flux.class)
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnBean(DiscoveryInstances.class)
public final class DiscoveryReactiveClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachedReactiveDiscoveryClient cachedReactiveDiscoveryClient(ServiceInstances instances, ServiceCatalog catalog,
			DiscoveryClientProperties properties) {
		return new CachedReactiveDiscoveryClient(instances, catalog, properties.getOrder());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	@ConditionalOnDiscoveryHealthIndicatorEnabled
	@EnableConfigurationProperties(DiscoveryClientHealthIndicatorProperties.class)
	static class ReactiveHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveDiscoveryClientHealthIndicator cachedReactiveDiscoveryClientHealthIndicator(
				CachedReactiveDiscoveryClient client, DiscoveryClientHealthIndicatorProperties properties) {
			return new ReactiveDiscoveryClientHealthIndicator(client, properties);
		}

	}

}

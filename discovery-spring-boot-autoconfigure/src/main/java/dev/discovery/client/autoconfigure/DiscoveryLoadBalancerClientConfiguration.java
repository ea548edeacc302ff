package dev.discovery.client.autoconfigure;

import dev.discovery.client.discovery.ServiceInstances;
import dev.discovery.client.loadbalancer.CacheServiceInstanceListSupplier;
import dev.discovery.client.loadbalancer.MetadataWeightFunction;
import dev.discovery.client.loadbalancer.ZoneSchedulerServiceInstanceListSupplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Default configuration of every load-balanced client: instances straight from the
 * discovery cache (no TTL cache), then hint ({@code color}), the zone scheduler or zone
 * preference, and weights.
 */
@Configuration(proxyBeanMethods = false)
public class DiscoveryLoadBalancerClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceInstanceListSupplier discoveryServiceInstanceListSupplier(ConfigurableApplicationContext context,
			Environment environment, ServiceInstances instances, DiscoveryClientProperties properties,
			LoadBalancerZoneConfig zoneConfig) {
		String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		MetadataWeightFunction weights = new MetadataWeightFunction();
		ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder()
			.withBase(new CacheServiceInstanceListSupplier(serviceId, instances))
			.withHints();
		if (properties.getLoadbalancer().isSchedulerEnabled()) {
			// falls back to zone preference by itself when the scheduler does not apply
			builder.with((ctx, delegate) -> new ZoneSchedulerServiceInstanceListSupplier(delegate,
					instances.core()::schedule, zoneConfig.getZone(), weights));
		}
		else {
			builder.withZonePreference();
		}
		return builder.withWeighted(weights).build(context);
	}

}

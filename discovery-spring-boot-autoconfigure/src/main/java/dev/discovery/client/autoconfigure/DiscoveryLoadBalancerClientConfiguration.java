package dev.discovery.client.autoconfigure;

import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.loadbalancer.CacheServiceInstanceListSupplier;
import dev.discovery.client.loadbalancer.MetadataWeightFunction;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Default configuration of every load-balanced client: instances straight from the
 * discovery cache (no TTL cache), then hint ({@code color}), zone preference and weights.
 */
@Configuration(proxyBeanMethods = false)
public class DiscoveryLoadBalancerClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceInstanceListSupplier discoveryServiceInstanceListSupplier(ConfigurableApplicationContext context,
			Environment environment, DiscoveryInstances instances) {
		String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		return ServiceInstanceListSupplier.builder()
			.withBase(new CacheServiceInstanceListSupplier(serviceId, instances))
			.withHints()
			.withZonePreference()
			.withWeighted(new MetadataWeightFunction())
			.build(context);
	}

}

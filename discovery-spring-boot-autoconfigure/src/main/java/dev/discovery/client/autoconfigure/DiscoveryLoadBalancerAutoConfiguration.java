package dev.discovery.client.autoconfigure;

import dev.discovery.client.discovery.DiscoveryInstances;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes Spring Cloud LoadBalancer use the discovery cache for
 * every client, and our zone as its preferred zone unless
 * {@code spring.cloud.loadbalancer.zone} is set.
 */
@AutoConfiguration(before = LoadBalancerAutoConfiguration.class, after = DiscoveryClientAutoConfiguration.class)
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnProperty(value = "spring.cloud.loadbalancer.enabled", matchIfMissing = true)
@ConditionalOnProperty(value = "discovery.loadbalancer.enabled", matchIfMissing = true)
@ConditionalOnBean(DiscoveryInstances.class)
@LoadBalancerClients(defaultConfiguration = DiscoveryLoadBalancerClientConfiguration.class)
public final class DiscoveryLoadBalancerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoadBalancerZoneConfig zoneConfig(Environment environment, DiscoveryClientProperties properties) {
		return new LoadBalancerZoneConfig(
				environment.getProperty("spring.cloud.loadbalancer.zone", properties.getZone()));
	}

}

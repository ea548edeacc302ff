package dev.discovery.client.autoconfigure;

import java.time.Clock;

import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.metrics.DiscoveryClientMetrics;
import dev.discovery.client.metrics.MicrometerRequestObserver;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the discovery client's Micrometer meters, when the application
 * has a {@link MeterRegistry}.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" },
		after = { DiscoveryTransportAutoConfiguration.class, DiscoveryClientAutoConfiguration.class,
				DiscoveryServiceRegistryAutoConfiguration.class })
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DiscoveryNodes.class })
public final class DiscoveryMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RequestObserver.class)
	MicrometerRequestObserver discoveryRequestObserver(MeterRegistry registry) {
		return new MicrometerRequestObserver(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryClientMetrics discoveryClientMetrics(DiscoveryNodes nodes, ObjectProvider<InstanceCache> cache,
			ObjectProvider<InstancePoller> poller, ObjectProvider<DiscoveryServiceRegistry> registry) {
		return new DiscoveryClientMetrics(nodes, cache.getIfAvailable(), poller.getIfAvailable(),
				registry.getIfAvailable(), Clock.systemUTC());
	}

}

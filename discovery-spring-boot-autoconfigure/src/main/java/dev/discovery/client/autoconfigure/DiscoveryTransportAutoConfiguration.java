package dev.discovery.client.autoconfigure;

import dev.discovery.protocol.DiscoveryJson;
import java.time.Clock;
import java.util.Random;

import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.RequestObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the HTTP transport shared by registration and discovery.
 */
@AutoConfiguration(after = UtilAutoConfiguration.class)
@ConditionalOnDiscoveryClientEnabled
@EnableConfigurationProperties(DiscoveryClientProperties.class)
public final class DiscoveryTransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscoveryHttpApi discoveryHttpApi(DiscoveryClientProperties properties) {
		return DiscoveryHttpApiFactory.create(properties.getConnectTimeout(), properties.getReadTimeout(),
				DiscoveryJson.mapper());
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryNodes discoveryNodes(DiscoveryClientProperties properties) {
		return new DiscoveryNodes(properties.getNodes(), properties.getZone(), properties.getNodeRotationInterval(),
				Clock.systemUTC(), new Random());
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryTransport discoveryTransport(DiscoveryHttpApi discoveryHttpApi, DiscoveryNodes discoveryNodes,
			ObjectProvider<RequestObserver> observer) {
		// the metrics auto-configuration defines the observer when a MeterRegistry exists
		return new DiscoveryTransport(discoveryHttpApi, discoveryNodes, DiscoveryJson.mapper(),
				observer.getIfUnique(() -> RequestObserver.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoverySchedulers discoverySchedulers() {
		return new DiscoverySchedulers();
	}

}

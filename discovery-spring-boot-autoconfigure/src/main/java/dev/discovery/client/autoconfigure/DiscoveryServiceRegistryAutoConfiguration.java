package dev.discovery.client.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.discovery.client.discovery.DiscoveryServiceInstance;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.HeartbeatSettings;
import dev.discovery.client.registration.InstanceAddressResolver;
import dev.discovery.client.registration.LocalInstance;
import dev.discovery.client.registration.ReadinessStatusListener;
import dev.discovery.client.registration.Registrar;
import dev.discovery.client.transport.DiscoveryTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link DiscoveryServiceRegistry} and the local
 * {@link DiscoveryRegistration}.
 */
@AutoConfiguration(before = ServiceRegistryAutoConfiguration.class,
		after = { UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class })
@ConditionalOnDiscoveryClientEnabled
@ConditionalOnProperty(value = "spring.cloud.service-registry.enabled", matchIfMissing = true)
@ConditionalOnBean({ DiscoveryTransport.class, InetUtils.class })
public final class DiscoveryServiceRegistryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscoveryServiceRegistry discoveryServiceRegistry(DiscoveryTransport transport, DiscoverySchedulers schedulers,
			DiscoveryClientProperties properties, ObjectProvider<AutoServiceRegistrationProperties> autoRegistration) {
		DiscoveryClientProperties.Instance instance = properties.getInstance();
		HeartbeatSettings settings = new HeartbeatSettings(instance.getRenewInterval(), instance.getRenewJitter(),
				instance.getRetryInterval());
		AutoServiceRegistrationProperties auto = autoRegistration.getIfAvailable();
		return new DiscoveryServiceRegistry(new Registrar(transport, schedulers.renewTimer(), Clock.systemUTC(),
				settings, auto != null && auto.isFailFast()));
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryRegistration discoveryRegistration(DiscoveryClientProperties properties, InetUtils inetUtils,
			ObjectProvider<InetUtilsProperties> inetProperties, Environment environment, ApplicationContext context) {
		DiscoveryClientProperties.Instance instance = properties.getInstance();
		String host = new InstanceAddressResolver(inetUtils, inetProperties.getIfAvailable(InetUtilsProperties::new))
			.resolve(instance.getAdvertiseAddress(), instance.getIpType());
		String appid = StringUtils.hasText(instance.getAppid()) ? instance.getAppid()
				: environment.getProperty("spring.application.name", "application");
		Map<String, String> metadata = new LinkedHashMap<>(instance.getMetadata());
		metadata.put(DiscoveryServiceInstance.ZONE, properties.getZone());
		metadata.putIfAbsent(DiscoveryServiceInstance.WEIGHT, Integer.toString(instance.getWeight()));
		if (StringUtils.hasText(instance.getColor())) {
			metadata.put(DiscoveryServiceInstance.COLOR, instance.getColor());
		}
		ManagementMetadata.of(environment, context.getClassLoader()).forEach(metadata::putIfAbsent);
		String hostname = StringUtils.hasText(properties.getHostname()) ? properties.getHostname() : null;
		return new DiscoveryRegistration(new LocalInstance(appid, properties.getRegion(), properties.getZone(),
				properties.getEnv(), hostname, LocalHostName.of(environment, inetUtils), host, instance.getPort(),
				instance.isSecure(), instance.getVersion(), metadata, instance.getAddrs()),
				instance.isWaitForReadiness());
	}

	// a server that answers polls again may have restarted empty: renew to find out, so
	// a -404 registers again at once instead of at the next renew
	@Bean
	SmartInitializingSingleton discoveryRenewOnRejoin(ObjectProvider<InstancePoller> poller,
			DiscoveryServiceRegistry registry) {
		return () -> poller.ifAvailable((instancePoller) -> instancePoller.onRejoin(registry.registrar()::renewNow));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(value = "discovery.instance.wait-for-readiness", matchIfMissing = true)
	ReadinessStatusListener discoveryReadinessStatusListener(ApplicationContext context,
			DiscoveryServiceRegistry registry, DiscoveryRegistration registration) {
		return new ReadinessStatusListener(context, registry, registration);
	}

}

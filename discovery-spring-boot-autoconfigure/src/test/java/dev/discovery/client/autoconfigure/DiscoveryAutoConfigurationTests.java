package dev.discovery.client.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.client.actuator.DiscoveryEndpoint;
import dev.discovery.client.actuator.DiscoveryHealthIndicator;
import dev.discovery.client.discovery.CachedDiscoveryClient;
import dev.discovery.client.discovery.CachedReactiveDiscoveryClient;
import dev.discovery.client.discovery.DiscoveredInstance;
import dev.discovery.client.discovery.DiscoveryServiceInstance;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.metrics.DiscoveryClientMetrics;
import dev.discovery.client.metrics.MicrometerRequestObserver;
import dev.discovery.client.registration.DiscoveryAutoServiceRegistration;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.ReadinessStatusListener;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.NoDiscoveryNodesException;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the conditions and back-offs of the starter's auto-configurations.
 */
class DiscoveryAutoConfigurationTests {

	// port 9 (discard) on loopback: nothing listens, so the poll loop just backs off
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				AutoServiceRegistrationAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class,
				DiscoveryClientAutoConfiguration.class, DiscoveryReactiveClientAutoConfiguration.class,
				DiscoveryServiceRegistryAutoConfiguration.class,
				DiscoveryAutoServiceRegistrationAutoConfiguration.class, DiscoveryLoadBalancerAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class, DiscoveryActuatorAutoConfiguration.class))
		.withPropertyValues("discovery.nodes=127.0.0.1:9", "discovery.zone=sh001", "discovery.hostname=test-host",
				"discovery.instance.advertise-address=127.0.0.1", "spring.application.name=demo.app",
				"discovery.poll.error-backoff=10s");

	@Test
	void everythingIsConfiguredWhenNodesAreSet() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DiscoveryTransport.class)
			.hasSingleBean(CachedDiscoveryClient.class)
			.hasSingleBean(CachedReactiveDiscoveryClient.class)
			.hasSingleBean(DiscoveryServiceRegistry.class)
			.hasSingleBean(DiscoveryRegistration.class)
			.hasSingleBean(DiscoveryAutoServiceRegistration.class)
			.hasSingleBean(InstancePoller.class));
	}

	@Test
	void endpointIsAvailableWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=discovery")
			.run((context) -> assertThat(context).hasSingleBean(DiscoveryEndpoint.class));
	}

	@Test
	void masterSwitchTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("discovery.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DiscoveryTransport.class)
				.doesNotHaveBean(CachedDiscoveryClient.class)
				.doesNotHaveBean(DiscoveryServiceRegistry.class)
				.doesNotHaveBean(DiscoveryEndpoint.class));
	}

	@Test
	void missingNodesFailStartUpWithAnExplanation() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NoDiscoveryNodesException.class);
				FailureAnalysis analysis = new NoDiscoveryNodesFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getAction()).contains("discovery.nodes").contains("DISCOVERY_NODES");
			});
	}

	@Test
	void springCloudDiscoverySwitchKeepsRegistrationOnly() {
		this.contextRunner.withPropertyValues("spring.cloud.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InstancePoller.class)
				.doesNotHaveBean(CachedDiscoveryClient.class)
				.doesNotHaveBean(CachedReactiveDiscoveryClient.class)
				.hasSingleBean(DiscoveryServiceRegistry.class));
	}

	@Test
	void blockingSwitchRemovesOnlyTheBlockingClient() {
		this.contextRunner.withPropertyValues("spring.cloud.discovery.blocking.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachedDiscoveryClient.class)
				.hasSingleBean(CachedReactiveDiscoveryClient.class)
				.hasSingleBean(InstanceCache.class));
	}

	@Test
	void reactiveSwitchRemovesOnlyTheReactiveClient() {
		this.contextRunner.withPropertyValues("spring.cloud.discovery.reactive.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachedReactiveDiscoveryClient.class)
				.hasSingleBean(CachedDiscoveryClient.class));
	}

	@Test
	void reactiveClientNeedsWebClientOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CachedReactiveDiscoveryClient.class)
				.hasSingleBean(CachedDiscoveryClient.class));
	}

	@Test
	void serviceRegistrySwitchRemovesRegistration() {
		this.contextRunner.withPropertyValues("spring.cloud.service-registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryServiceRegistry.class)
				.doesNotHaveBean(DiscoveryAutoServiceRegistration.class)
				.hasSingleBean(CachedDiscoveryClient.class));
	}

	@Test
	void autoRegistrationSwitchKeepsTheRegistry() {
		this.contextRunner.withPropertyValues("spring.cloud.service-registry.auto-registration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryAutoServiceRegistration.class)
				.hasSingleBean(DiscoveryServiceRegistry.class));
	}

	@Test
	void userNodesBeanBacksOff() {
		this.contextRunner.withUserConfiguration(UserNodesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(DiscoveryNodes.class)
				.getBean(DiscoveryNodes.class)
				.isSameAs(context.getBean("userNodes")));
	}

	@Test
	void userDiscoveryClientBacksOff() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(CachedDiscoveryClient.class)
				.getBean(CachedDiscoveryClient.class)
				.isSameAs(context.getBean("userClient")));
	}

	@Test
	void loadBalancerPrefersOurZone() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(LoadBalancerZoneConfig.class).getZone()).isEqualTo("sh001"));
	}

	@Test
	void loadBalancerZonePropertyWins() {
		this.contextRunner.withPropertyValues("spring.cloud.loadbalancer.zone=sh002")
			.run((context) -> assertThat(context.getBean(LoadBalancerZoneConfig.class).getZone()).isEqualTo("sh002"));
	}

	@Test
	void loadBalancerSwitchLeavesTheDefaultZoneConfig() {
		this.contextRunner.withPropertyValues("discovery.loadbalancer.enabled=false")
			.run((context) -> assertThat(context.getBean(LoadBalancerZoneConfig.class).getZone()).isNull());
	}

	@Test
	void healthIndicatorIsConfiguredWithHealthSupport() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(DiscoveryHealthIndicator.class));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryHealthIndicator.class));
	}

	@Test
	void registrationDescribesTheApplication() {
		this.contextRunner
			.withPropertyValues("discovery.instance.addrs=grpc://127.0.0.1:9000", "discovery.instance.color=gray",
					"discovery.instance.version=1.2.3", "discovery.instance.metadata.cluster=c1")
			.run((context) -> {
				DiscoveryRegistration registration = context.getBean(DiscoveryRegistration.class);
				registration.initializePort(8080);
				assertThat(registration.getServiceId()).isEqualTo("demo.app");
				assertThat(registration.getInstanceId()).isEqualTo("test-host");
				assertThat(registration.addrs()).containsExactly("http://127.0.0.1:8080", "grpc://127.0.0.1:9000");
				assertThat(registration.form().metadata()).containsEntry(DiscoveryServiceInstance.ZONE, "sh001")
					.containsEntry(DiscoveryServiceInstance.WEIGHT, "10")
					.containsEntry(DiscoveryServiceInstance.COLOR, "gray")
					.containsEntry("cluster", "c1");
				assertThat(registration.form().version()).isEqualTo("1.2.3");
			});
	}

	@Test
	void registrationWaitsForReadinessByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReadinessStatusListener.class);
			assertThat(context.getBean(DiscoveryRegistration.class).form().status()).isEqualTo(InstanceStatus.WAITING);
		});
	}

	@Test
	void registrationIsUpAtOnceWhenNotWaitingForReadiness() {
		this.contextRunner.withPropertyValues("discovery.instance.wait-for-readiness=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ReadinessStatusListener.class);
			assertThat(context.getBean(DiscoveryRegistration.class).form().status()).isEqualTo(InstanceStatus.UP);
		});
	}

	@Test
	void localMetadataIsWhatConsumersSee() {
		this.contextRunner.withPropertyValues("discovery.instance.color=gray", "discovery.instance.version=1.2.3")
			.run((context) -> {
				DiscoveryRegistration registration = context.getBean(DiscoveryRegistration.class);
				registration.initializePort(8080);
				Instance wire = new Instance("sh", "sh001", "dev", "demo.app", "test-host", registration.addrs(),
						"1.2.3", registration.form().metadata(), 1, 0, 0, 0, 0, 0);
				assertThat(registration.getMetadata())
					.isEqualTo(DiscoveredInstance.from(wire).orElseThrow().getMetadata())
					.containsEntry(DiscoveryServiceInstance.HINT, "gray")
					.containsEntry("version", "1.2.3");
			});
	}

	@Test
	void actuatorPathsArePublishedForTheSamePort() {
		this.contextRunner.withPropertyValues("server.servlet.context-path=/shop").run((context) -> {
			Map<String, String> metadata = context.getBean(DiscoveryRegistration.class).form().metadata();
			assertThat(metadata).containsEntry("management.context-path", "/shop/actuator")
				.containsEntry("health.path", "health")
				.doesNotContainKey("management.port");
		});
	}

	@Test
	void separateManagementPortAndPathsArePublished() {
		this.contextRunner
			.withPropertyValues("management.server.port=9091", "management.server.base-path=/ops/",
					"management.endpoints.web.base-path=/manage",
					"management.endpoints.web.path-mapping.health=healthcheck")
			.run((context) -> assertThat(context.getBean(DiscoveryRegistration.class).form().metadata())
				.containsEntry("management.port", "9091")
				.containsEntry("management.context-path", "/ops/manage")
				.containsEntry("health.path", "healthcheck"));
	}

	@Test
	void rootActuatorBasePathIsPublishedAsSlash() {
		this.contextRunner.withPropertyValues("management.endpoints.web.base-path=/")
			.run((context) -> assertThat(context.getBean(DiscoveryRegistration.class).form().metadata())
				.containsEntry("management.context-path", "/"));
	}

	@Test
	void configuredMetadataWinsOverManagementMetadata() {
		this.contextRunner.withPropertyValues("discovery.instance.metadata[health.path]=ping")
			.run((context) -> assertThat(context.getBean(DiscoveryRegistration.class).form().metadata())
				.containsEntry("health.path", "ping"));
	}

	@Test
	void noManagementMetadataWhenTheManagementServerIsDisabled() {
		this.contextRunner.withPropertyValues("management.server.port=-1")
			.run((context) -> assertThat(context.getBean(DiscoveryRegistration.class).form().metadata())
				.doesNotContainKeys("management.port", "management.context-path", "health.path"));
	}

	@Test
	void noManagementMetadataWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ManagementPortType.class))
			.run((context) -> assertThat(context.getBean(DiscoveryRegistration.class).form().metadata())
				.doesNotContainKeys("management.port", "management.context-path", "health.path"));
	}

	@Test
	void ipv6AdvertiseAddressIsBracketedInUris() {
		this.contextRunner.withPropertyValues("discovery.instance.advertise-address=[::1]").run((context) -> {
			DiscoveryRegistration registration = context.getBean(DiscoveryRegistration.class);
			registration.initializePort(8080);
			assertThat(registration.getHost()).isEqualTo("::1");
			assertThat(registration.addrs()).containsExactly("http://[::1]:8080");
		});
	}

	@Test
	void defaultInstanceIdIsHostAndPort() {
		this.contextRunner.withPropertyValues("discovery.hostname=").run((context) -> {
			DiscoveryRegistration registration = context.getBean(DiscoveryRegistration.class);
			registration.initializePort(8081);
			assertThat(registration.getInstanceId()).endsWith("-8081");
		});
	}

	@Test
	void metersAreBoundWhenAMeterRegistryExists() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
							CompositeMeterRegistryAutoConfiguration.class, DiscoveryMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerRequestObserver.class)
					.hasSingleBean(DiscoveryClientMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("discovery.client.cache.apps").gauge()).isNotNull();
				assertThat(registry.find("discovery.client.cache.instances").gauge()).isNotNull();
				assertThat(registry.find("discovery.client.poll.staleness").timeGauge()).isNotNull();
				assertThat(registry.find("discovery.client.node.index").gauge()).isNotNull();
				assertThat(registry.find("discovery.client.node.changes").functionCounter()).isNotNull();
				assertThat(registry.find("discovery.client.reregistrations").functionCounter()).isNotNull();
			});
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DiscoveryMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MicrometerRequestObserver.class)
				.doesNotHaveBean(DiscoveryClientMetrics.class));
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DiscoveryMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DiscoveryClientMetrics.class));
	}

	@Test
	void onlyRegistrationMetersWhenDiscoveryIsOff() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
							CompositeMeterRegistryAutoConfiguration.class, DiscoveryMetricsAutoConfiguration.class))
			.withPropertyValues("spring.cloud.discovery.enabled=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("discovery.client.cache.apps").gauge()).isNull();
				assertThat(registry.find("discovery.client.reregistrations").functionCounter()).isNotNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserNodesConfiguration {

		@Bean
		DiscoveryNodes userNodes() {
			return new DiscoveryNodes(List.of("127.0.0.1:9"), "sh001", Duration.ofMinutes(30), Clock.systemUTC(),
					new Random());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		CachedDiscoveryClient userClient(dev.discovery.client.discovery.ServiceInstances instances,
				dev.discovery.client.discovery.ServiceCatalog catalog) {
			return new CachedDiscoveryClient(instances, catalog, 5);
		}

	}

}

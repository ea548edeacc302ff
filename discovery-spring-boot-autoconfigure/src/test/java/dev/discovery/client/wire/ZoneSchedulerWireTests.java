package dev.discovery.client.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.discovery.client.autoconfigure.DiscoveryClientAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryLoadBalancerAutoConfiguration;
import dev.discovery.client.autoconfigure.DiscoveryTransportAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load balancer of a client in sh001 follows the scheduler file of the real server
 * (docs/wire-protocol.md §7): the SDK example, sh001:2 and sh002:1, with instance weights
 * 10, 10 and 5, 2; sh003 is not listed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneSchedulerWireTests {

	private static final String APP = "sched.lb";

	private WireServer server;

	@BeforeAll
	void startServer(@TempDir Path schedulers) throws IOException {
		Files.writeString(schedulers.resolve("sched.lb.json"), """
				{"app_id":"sched.lb","env":"dev",
				 "clients":{"sh001":{"zones":{"sh001":{"weight":2},"sh002":{"weight":1}}}},"remark":""}
				""");
		this.server = WireServer.start("discovery.server.scheduler-dir=" + schedulers);
		this.server.register(APP, "a1", "http://127.0.0.1:18081", "sh001", "{\"weight\":\"10\"}");
		this.server.register(APP, "a2", "http://127.0.0.1:18082", "sh001", "{\"weight\":\"10\"}");
		this.server.register(APP, "b1", "http://127.0.0.1:18083", "sh002", "{\"weight\":\"5\"}");
		this.server.register(APP, "b2", "http://127.0.0.1:18084", "sh002", "{\"weight\":\"2\"}");
		this.server.register(APP, "c1", "http://127.0.0.1:18085", "sh003", "{}");
	}

	@AfterAll
	void stopServer() {
		this.server.close();
	}

	@Test
	void loadBalancerOffersListedZonesInSchedulerRatio() {
		client().run((context) -> {
			Map<String, Long> picks = offered(context.getBean(LoadBalancerClientFactory.class));
			assertThat(picks).containsOnlyKeys("a1", "a2", "b1", "b2");
			assertThat(picks.get("a1") + picks.get("a2")).isEqualTo(2 * (picks.get("b1") + picks.get("b2")));
			assertThat(picks.get("a1")).isEqualTo(picks.get("a2"));
			assertThat(picks.get("b1") * 2).isEqualTo(picks.get("b2") * 5);
		});
	}

	@Test
	void switchedOffSchedulerLeavesZonePreference() {
		client().withPropertyValues("discovery.loadbalancer.scheduler-enabled=false").run((context) -> {
			Map<String, Long> picks = offered(context.getBean(LoadBalancerClientFactory.class));
			assertThat(picks).containsOnlyKeys("a1", "a2");
		});
	}

	private static Map<String, Long> offered(LoadBalancerClientFactory factory) {
		ServiceInstanceListSupplier supplier = factory.getInstance(APP, ServiceInstanceListSupplier.class);
		// the weighted list repeats each instance once per unit of its effective weight
		List<ServiceInstance> offered = supplier.get().blockFirst();
		assertThat(offered).isNotNull();
		return offered.stream()
			.map(ServiceInstance::getInstanceId)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private ApplicationContextRunner client() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					DiscoveryTransportAutoConfiguration.class, DiscoveryClientAutoConfiguration.class,
					DiscoveryLoadBalancerAutoConfiguration.class, LoadBalancerAutoConfiguration.class))
			.withPropertyValues("discovery.nodes=" + this.server.node(), "discovery.region=sh", "discovery.zone=sh001",
					"discovery.env=dev", "discovery.hostname=" + WireClients.HOSTNAME,
					"discovery.poll.error-backoff=100ms", "spring.application.name=sched.client");
	}

}

package dev.discovery.test.context;

import java.time.Duration;
import java.util.List;

import dev.discovery.protocol.Instance;
import dev.discovery.test.EmbeddedDiscoveryServer;
import dev.discovery.test.app.GreetingApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @SpringBootTest} application with the starter against the embedded server.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEmbeddedDiscoveryServer(region = "sh", zone = "sh001", env = "uat")
class AutoConfigureEmbeddedDiscoveryServerTests {

	@Autowired
	private EmbeddedDiscoveryServer server;

	@Autowired
	private DiscoveryClient discoveryClient;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	private Environment environment;

	@LocalServerPort
	private int port;

	@Test
	void starterIsPointedAtTheServerAboveTheApplicationsOwnConfiguration() {
		assertThat(this.environment.getProperty("discovery.nodes")).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(this.environment.getProperty("discovery.zone")).isEqualTo("sh001");
		assertThat(this.environment.getProperty("discovery.env")).isEqualTo("uat");
		assertThat(this.environment.getProperty("discovery.region")).isEqualTo("sh");
	}

	@Test
	void applicationRegistersWithTheServer() {
		List<Instance> instances = awaitRegistration();
		assertThat(instances).singleElement().satisfies((instance) -> {
			assertThat(instance.hostname()).isEqualTo("greeting-1");
			assertThat(instance.zone()).isEqualTo("sh001");
			assertThat(instance.env()).isEqualTo("uat");
			assertThat(instance.addrs()).contains("http://127.0.0.1:" + this.port);
		});
	}

	@Test
	void applicationDiscoversAndCallsItselfByName() {
		awaitRegistration();
		await().untilAsserted(() -> assertThat(this.discoveryClient.getInstances("demo.greeting"))
			.extracting(ServiceInstance::getPort)
			.containsExactly(this.port));
		String answer = this.restClientBuilder.build()
			.get()
			.uri("http://demo.greeting/greeting")
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo("hello");
	}

	@Test
	void applicationDiscoversInstancesTheTestRegistersAndCancels() {
		this.server.registry().register("demo.faked", "faked-1", "http://127.0.0.1:9");
		this.server.registry().register("demo.faked", "faked-2", "http://127.0.0.1:10");
		await().untilAsserted(() -> assertThat(this.discoveryClient.getInstances("demo.faked"))
			.extracting(ServiceInstance::getInstanceId)
			.containsExactlyInAnyOrder("faked-1", "faked-2"));
		// the starter keeps the last list when no instance is left
		// (discovery.poll.keep-last-non-empty), so one instance stays
		this.server.registry().cancel("demo.faked", "faked-1");
		await().untilAsserted(() -> assertThat(this.discoveryClient.getInstances("demo.faked"))
			.extracting(ServiceInstance::getInstanceId)
			.containsExactly("faked-2"));
	}

	@Test
	void applicationRegistersAgainAfterTheServerRestartsEmpty() {
		awaitRegistration();
		int port = this.server.port();
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		// renew interval 1 s: the next renew answers "unknown" and the starter registers
		// again
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.server.registry().hostnames("demo.greeting")).containsExactly("greeting-1"));
	}

	private List<Instance> awaitRegistration() {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.registry().instances("demo.greeting"), (instances) -> !instances.isEmpty());
	}

}

package dev.discovery.compatibility;

import java.time.Duration;

import dev.discovery.test.EmbeddedDiscoveryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application on Spring Boot 4.1 registers through the starter, finds itself through
 * its {@code DiscoveryClient} and calls itself through a load-balanced
 * {@code RestClient}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootCompatibilityTests {

	private final EmbeddedDiscoveryServer server = EmbeddedDiscoveryServer.builder().build();

	private ConfigurableApplicationContext application;

	@BeforeAll
	void startServerAndApplication() {
		this.server.start();
		SpringApplication app = new SpringApplication(CompatibilityApplication.class);
		String[] serverArguments = this.server.clientArguments();
		String[] arguments = new String[serverArguments.length + 4];
		System.arraycopy(serverArguments, 0, arguments, 0, serverArguments.length);
		arguments[serverArguments.length] = "--spring.application.name=compat.app";
		arguments[serverArguments.length + 1] = "--server.port=0";
		arguments[serverArguments.length + 2] = "--server.address=127.0.0.1";
		arguments[serverArguments.length + 3] = "--discovery.instance.advertise-address=127.0.0.1";
		this.application = app.run(arguments);
	}

	@AfterAll
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
		this.server.stop();
	}

	@Test
	void runsOnSpringBoot41() {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.1.");
	}

	@Test
	void applicationRegistersAndFindsItselfThroughTheLoadBalancer() {
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.server.registry().hostnames("compat.app").isEmpty());
		DiscoveryClient discoveryClient = this.application.getBean(DiscoveryClient.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> !discoveryClient.getInstances("compat.app").isEmpty());
		RestClient restClient = this.application.getBean(RestClient.Builder.class).build();
		assertThat(restClient.get().uri("http://compat.app/hello").retrieve().body(String.class)).isEqualTo("hello");
	}

	@SpringBootApplication
	@RestController
	static class CompatibilityApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}

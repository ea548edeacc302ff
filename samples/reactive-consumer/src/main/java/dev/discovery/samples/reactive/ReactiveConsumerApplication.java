package dev.discovery.samples.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reactive consumer that finds the provider's instances through the discovery server.
 */
@SpringBootApplication
public class ReactiveConsumerApplication {

	// @LoadBalanced: the URL host is an appid, replaced on every call by the address of
	// one of its registered instances.
	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	public static void main(String[] args) {
		SpringApplication.run(ReactiveConsumerApplication.class, args);
	}

}

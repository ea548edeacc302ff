package dev.discovery.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Registers as {@code demo.greeting} and calls other apps by name.
 */
@SpringBootApplication
@RestController
public class GreetingApplication {

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@GetMapping("/greeting")
	String greeting() {
		return "hello";
	}

}

package dev.discovery.benchmark.eureka.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestTemplate;

/**
 * Consumer whose endpoints tell the runner what a user's code would see through
 * {@code DiscoveryClient} and a {@code @LoadBalanced} {@code RestTemplate}.
 */
@SpringBootApplication
public class BenchConsumerApplication {

	// A RestTemplate, not a RestClient.Builder bean: the Eureka client builds its own
	// HTTP
	// client from any RestClient.Builder bean and would then load-balance its calls to
	// the
	// Eureka server itself.
	@Bean
	@LoadBalanced
	RestTemplate loadBalancedRestTemplate() {
		return new RestTemplate();
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchConsumerApplication.class, args);
	}

}

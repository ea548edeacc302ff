package dev.discovery.samples.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Consumer that finds the provider's instances through the discovery server, with every
 * client style Spring offers.
 */
@SpringBootApplication
@EnableScheduling
@EnableFeignClients
// An HTTP service group named after the appid needs no base URL: the load balancer
// resolves http://sample.provider.
@ImportHttpServices(group = "sample.provider", types = ProviderService.class)
// A group with another name points at the appid with
// spring.http.serviceclient.provider-by-url.base-url=lb://sample.provider.
@ImportHttpServices(group = "provider-by-url", types = ProviderByUrlService.class)
public class ConsumerApplication {

	// @LoadBalanced: the URL host is an appid, replaced on every call by the address of
	// one of its registered instances.
	@Bean
	@LoadBalanced
	RestTemplate restTemplate() {
		return new RestTemplate();
	}

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

}

package dev.discovery.samples.consumer;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Calls the provider's {@code /hello}, once through RestTemplate and once through
 * RestClient, to show that both pick instances from the discovery server.
 */
@Component
public class ProviderClient {

	// The host is the provider's appid (its spring.application.name), not a DNS name: the
	// load balancer replaces it with the address of one of the registered instances.
	private static final String HELLO_URL = "http://sample.provider/hello";

	private final RestTemplate restTemplate;

	private final RestClient restClient;

	ProviderClient(RestTemplate restTemplate, RestClient.Builder loadBalancedRestClientBuilder) {
		this.restTemplate = restTemplate;
		this.restClient = loadBalancedRestClientBuilder.build();
	}

	public Greeting helloViaRestTemplate() {
		return this.restTemplate.getForObject(HELLO_URL, Greeting.class);
	}

	public Greeting helloViaRestClient() {
		return this.restClient.get().uri(HELLO_URL).retrieve().body(Greeting.class);
	}

}

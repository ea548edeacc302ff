package dev.discovery.samples.consumer;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the provider's {@code /hello} through each client style, to show that all of them
 * pick instances from the discovery server.
 */
@Component
public class ProviderClient {

	// The host is the provider's appid (its spring.application.name), not a DNS name: the
	// load balancer replaces it with the address of one of the registered instances.
	private static final String HELLO_URL = "http://sample.provider/hello";

	private final RestTemplate restTemplate;

	private final RestClient restClient;

	private final WebClient webClient;

	private final ProviderFeignClient feignClient;

	private final ProviderService serviceGroup;

	private final ProviderByUrlService serviceGroupWithLbUrl;

	ProviderClient(RestTemplate restTemplate, RestClient.Builder loadBalancedRestClientBuilder,
			WebClient.Builder loadBalancedWebClientBuilder, ProviderFeignClient feignClient,
			ProviderService serviceGroup, ProviderByUrlService serviceGroupWithLbUrl) {
		this.restTemplate = restTemplate;
		this.restClient = loadBalancedRestClientBuilder.build();
		this.webClient = loadBalancedWebClientBuilder.build();
		this.feignClient = feignClient;
		this.serviceGroup = serviceGroup;
		this.serviceGroupWithLbUrl = serviceGroupWithLbUrl;
	}

	public Greeting helloViaRestTemplate() {
		return this.restTemplate.getForObject(HELLO_URL, Greeting.class);
	}

	public Greeting helloViaRestClient() {
		return this.restClient.get().uri(HELLO_URL).retrieve().body(Greeting.class);
	}

	public Greeting helloViaWebClient() {
		return this.webClient.get().uri(HELLO_URL).retrieve().bodyToMono(Greeting.class).block();
	}

	public Greeting helloViaFeign() {
		return this.feignClient.hello();
	}

	public Greeting helloViaServiceGroup() {
		return this.serviceGroup.hello();
	}

	public Greeting helloViaServiceGroupWithLbUrl() {
		return this.serviceGroupWithLbUrl.hello();
	}

	/**
	 * Every client style by name.
	 * @return the calls, keyed by the style's name
	 */
	public Map<String, Supplier<Greeting>> styles() {
		return Map.of("rest-template", this::helloViaRestTemplate, "rest-client", this::helloViaRestClient,
				"web-client", this::helloViaWebClient, "feign", this::helloViaFeign, "service-group",
				this::helloViaServiceGroup, "service-group-lb-url", this::helloViaServiceGroupWithLbUrl);
	}

}

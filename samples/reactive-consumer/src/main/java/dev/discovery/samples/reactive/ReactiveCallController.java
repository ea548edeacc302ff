package dev.discovery.samples.reactive;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the provider's {@code /hello} without blocking.
 */
@RestController
class ReactiveCallController {

	private final WebClient provider;

	ReactiveCallController(WebClient.Builder loadBalancedWebClientBuilder) {
		// The host is the provider's appid, resolved by the load balancer on every call.
		this.provider = loadBalancedWebClientBuilder.baseUrl("http://sample.provider").build();
	}

	@GetMapping("/call")
	Mono<Greeting> call() {
		return this.provider.get().uri("/hello").retrieve().bodyToMono(Greeting.class);
	}

}

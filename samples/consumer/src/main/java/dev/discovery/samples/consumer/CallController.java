package dev.discovery.samples.consumer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets you call the provider from a browser or curl.
 */
@RestController
class CallController {

	private final ProviderClient providerClient;

	CallController(ProviderClient providerClient) {
		this.providerClient = providerClient;
	}

	@GetMapping("/call/rest-template")
	Greeting callWithRestTemplate() {
		return this.providerClient.helloViaRestTemplate();
	}

	@GetMapping("/call/rest-client")
	Greeting callWithRestClient() {
		return this.providerClient.helloViaRestClient();
	}

}

package dev.discovery.samples.consumer;

import org.springframework.web.service.annotation.GetExchange;

/**
 * The provider as an HTTP service interface in the group named after its appid.
 */
public interface ProviderService {

	@GetExchange("/hello")
	Greeting hello();

}

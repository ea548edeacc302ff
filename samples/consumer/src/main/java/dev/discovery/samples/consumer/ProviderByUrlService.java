package dev.discovery.samples.consumer;

import org.springframework.web.service.annotation.GetExchange;

/**
 * The provider as an HTTP service interface in a group whose base URL is
 * {@code lb://sample.provider}.
 */
public interface ProviderByUrlService {

	@GetExchange("/hello")
	Greeting hello();

}

package dev.discovery.samples.consumer;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The provider as an OpenFeign client: the name is the appid, resolved by the load
 * balancer.
 */
@FeignClient(name = "sample.provider", contextId = "providerFeignClient")
public interface ProviderFeignClient {

	@GetMapping("/hello")
	Greeting hello();

}

package dev.discovery.benchmark.eureka.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/**
 * Answers the ports of an app's instances as the discovery client lists them and as
 * load-balanced calls reach them; a failed call answers {@code err}.
 */
@RestController
class ViewController {

	private final DiscoveryClient discoveryClient;

	private final RestTemplate restTemplate;

	ViewController(DiscoveryClient discoveryClient, RestTemplate loadBalancedRestTemplate) {
		this.discoveryClient = discoveryClient;
		this.restTemplate = loadBalancedRestTemplate;
	}

	@GetMapping("/seen")
	String seen(@RequestParam String app) {
		return this.discoveryClient.getInstances(app)
			.stream()
			.map(ServiceInstance::getPort)
			.map(String::valueOf)
			.sorted()
			.collect(Collectors.joining(","));
	}

	// Round robin over n instances reaches each of them within n calls, so a few more
	// calls
	// than instances show every instance the load balancer hands out.
	@GetMapping("/lb")
	String loadBalanced(@RequestParam String app, @RequestParam int calls) {
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			answers.add(call(app));
		}
		return String.join(",", answers);
	}

	private String call(String app) {
		try {
			String port = this.restTemplate.getForObject("http://" + app + "/id", String.class);
			return (port != null) ? port : "err";
		}
		catch (RestClientException | IllegalStateException ex) {
			return "err";
		}
	}

}

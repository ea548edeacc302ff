package dev.discovery.samples.provider;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider that registers under its {@code spring.application.name} as soon as its web
 * server is up, cancels its registration when it shuts down, and says hello naming the
 * instance that answered.
 */
@SpringBootApplication
@RestController
public class ProviderApplication {

	private final Registration registration;

	// The starter publishes this instance's registration as a bean: the same data that
	// the discovery server hands to consumers.
	ProviderApplication(Registration registration) {
		this.registration = registration;
	}

	@GetMapping("/hello")
	Greeting hello(HttpServletRequest request) {
		return new Greeting("hello", String.valueOf(this.registration.getInstanceId()), request.getLocalPort());
	}

	public static void main(String[] args) {
		SpringApplication.run(ProviderApplication.class, args);
	}

}

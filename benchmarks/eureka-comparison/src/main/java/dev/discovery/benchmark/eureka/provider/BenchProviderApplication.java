package dev.discovery.benchmark.eureka.provider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider whose {@code /id} answers its own port, so the runner can tell which instance
 * a load-balanced call reached; it registers through the starter on its classpath.
 */
@SpringBootApplication
@RestController
public class BenchProviderApplication {

	private final String port;

	BenchProviderApplication(@Value("${server.port}") String port) {
		this.port = port;
	}

	@GetMapping("/id")
	String id() {
		return this.port;
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchProviderApplication.class, args);
	}

}

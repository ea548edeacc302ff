package dev.discovery.client.it.provider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider app on Tomcat that answers its own name.
 */
@SpringBootApplication
@RestController
public class ProviderApplication {

	@Value("${provider.name}")
	private String name;

	@GetMapping("/whoami")
	String whoami() {
		return this.name;
	}

}

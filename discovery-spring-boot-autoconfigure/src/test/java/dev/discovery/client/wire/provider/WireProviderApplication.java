package dev.discovery.client.wire.provider;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A provider app on Tomcat with actuator, for tests that need the whole Spring Boot
 * lifecycle: web server events, readiness events and a separate management server.
 */
@SpringBootApplication
public class WireProviderApplication {

}

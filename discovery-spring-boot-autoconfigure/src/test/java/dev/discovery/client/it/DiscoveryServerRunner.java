package dev.discovery.client.it;

import dev.discovery.server.DiscoveryServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the real discovery server in this JVM on a loopback port, with the client starter
 * switched off inside it.
 */
final class DiscoveryServerRunner implements AutoCloseable {

	private ConfigurableApplicationContext context;

	private int port;

	DiscoveryServerRunner start() {
		return startOn(0);
	}

	DiscoveryServerRunner startOn(int port) {
		this.context = new SpringApplicationBuilder(DiscoveryServerApplication.class).run("--server.port=" + port,
				"--server.address=127.0.0.1", "--discovery.enabled=false", "--spring.cloud.discovery.enabled=false",
				"--spring.cloud.service-registry.auto-registration.enabled=false",
				"--spring.main.web-application-type=reactive", "--discovery.server.region=sh",
				"--discovery.server.zone=sh001", "--discovery.server.env=dev", "--discovery.server.host=server-1");
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return this;
	}

	int port() {
		return this.port;
	}

	String node() {
		return "127.0.0.1:" + this.port;
	}

	void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

}

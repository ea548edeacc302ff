package dev.discovery.client.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.discovery.client.it.provider.ProviderApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/serviceregistry} of a provider registered with the real server: known
 * statuses change the registration, anything else answers 400 with the accepted values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceRegistryEndpointIntegrationTests {

	private final DiscoveryServerRunner server = new DiscoveryServerRunner();

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext provider;

	private String endpoint;

	@BeforeAll
	void startServerAndProvider() {
		this.server.start();
		this.provider = new SpringApplicationBuilder(ProviderApplication.class).web(WebApplicationType.SERVLET)
			.run("--spring.config.name=discovery-client-it", "--server.port=0", "--server.address=127.0.0.1",
					"--spring.application.name=demo.status", "--provider.name=s1",
					"--discovery.nodes=" + this.server.node(), "--discovery.region=sh", "--discovery.zone=sh001",
					"--discovery.env=dev", "--discovery.hostname=status-1",
					"--discovery.instance.advertise-address=127.0.0.1",
					"--management.endpoints.web.exposure.include=serviceregistry");
		int port = ((WebServerApplicationContext) this.provider).getWebServer().getPort();
		this.endpoint = "http://127.0.0.1:" + port + "/actuator/serviceregistry";
	}

	@AfterAll
	void stop() {
		if (this.provider != null) {
			this.provider.close();
		}
		this.server.stop();
	}

	@Test
	void unknownStatusAnswersBadRequestWithTheAcceptedValues() throws Exception {
		HttpResponse<String> answer = post("{\"status\":\"DOWN\"}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("DOWN").contains("UP").contains("OUT_OF_SERVICE");
		assertThat(get()).contains("UP");
	}

	@Test
	void knownStatusInLowerCaseIsAppliedAndReadBack() throws Exception {
		assertThat(post("{\"status\":\"out_of_service\"}").statusCode()).isEqualTo(200);
		assertThat(get()).contains("OUT_OF_SERVICE");

		assertThat(post("{\"status\":\"UP\"}").statusCode()).isEqualTo(200);
		assertThat(get()).contains("UP");
	}

	private HttpResponse<String> post(String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.endpoint))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String get() throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(this.endpoint)).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}

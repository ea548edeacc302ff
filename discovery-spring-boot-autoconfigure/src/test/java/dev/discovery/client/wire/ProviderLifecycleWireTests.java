package dev.discovery.client.wire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.discovery.client.metrics.MicrometerRequestObserver;
import dev.discovery.client.wire.provider.WireProviderApplication;
import dev.discovery.protocol.DiscoveryApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole Spring Boot application with a separate management port, registered through a
 * recording proxy in front of the real server: the status follows readiness, an
 * operator's OUT_OF_SERVICE outlives readiness changes, the management metadata reaches
 * consumers and the meters count what happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderLifecycleWireTests {

	private static final String APPID = "ready.app";

	private static final String HOSTNAME = "ready-1";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private WireServer server;

	private RecordingProxy proxy;

	private ConfigurableApplicationContext app;

	private int managementPort;

	@BeforeAll
	void startServerAndApp() throws IOException {
		this.server = WireServer.start();
		this.proxy = RecordingProxy.start().forwardTo(this.server.node());
		this.app = new SpringApplicationBuilder(WireProviderApplication.class).web(WebApplicationType.SERVLET)
			.run(arguments("spring.config.name=discovery-wire-provider", "server.port=0", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=serviceregistry,health",
					"spring.application.name=" + APPID, "discovery.nodes=" + this.proxy.node(), "discovery.region=sh",
					"discovery.zone=" + WireClients.ZONE, "discovery.env=dev", "discovery.hostname=" + HOSTNAME,
					"discovery.instance.advertise-address=127.0.0.1", "discovery.instance.renew-interval=200ms",
					"discovery.instance.renew-jitter=0s", "discovery.instance.retry-interval=200ms",
					"discovery.instance.drain-delay=0s", "discovery.poll.error-backoff=100ms"));
		this.managementPort = Integer.parseInt(this.app.getEnvironment().getProperty("local.management.port"));
	}

	@AfterAll
	void stopEverything() {
		if (this.app != null) {
			this.app.close();
		}
		this.proxy.close();
		this.server.close();
	}

	@Test
	@Order(1)
	void instanceRegistersWaitingAndTurnsUpOnceTheApplicationIsReady() {
		List<RecordedRequest> changes = statusChanges();
		assertThat(changes.get(0).path()).isEqualTo(DiscoveryApi.REGISTER);
		assertThat(changes).filteredOn((request) -> request.path().equals(DiscoveryApi.REGISTER))
			.allSatisfy((register) -> assertThat(register.value("status")).isEqualTo("2"));
		RecordedRequest last = changes.get(changes.size() - 1);
		assertThat(last.path()).isEqualTo(DiscoveryApi.SET);
		assertThat(last.value("status")).isEqualTo("1");
	}

	@Test
	@Order(2)
	void managementMetadataReachesConsumers() {
		RecordedRequest lastRegister = statusChanges().stream()
			.filter((request) -> request.path().equals(DiscoveryApi.REGISTER))
			.reduce((first, second) -> second)
			.orElseThrow();
		Map<String, String> published = this.mapper.readValue(lastRegister.value("metadata"),
				new TypeReference<Map<String, String>>() {
				});
		assertThat(published).containsEntry("management.port", Integer.toString(this.managementPort))
			.containsEntry("management.context-path", "/actuator")
			.containsEntry("health.path", "health");
		DiscoveryClient discoveryClient = this.app.getBean(DiscoveryClient.class);
		List<ServiceInstance> instances = await().atMost(WAIT)
			.until(() -> discoveryClient.getInstances(APPID), (found) -> !found.isEmpty());
		assertThat(instances.get(0).getMetadata()).containsAllEntriesOf(published);
	}

	@Test
	@Order(3)
	void refusingTrafficTurnsTheInstanceWaitingAndAcceptingTurnsItUpAgain() {
		AvailabilityChangeEvent.publish(this.app, ReadinessState.REFUSING_TRAFFIC);
		assertThat(lastStatusChange().path()).isEqualTo(DiscoveryApi.SET);
		assertThat(lastStatusChange().value("status")).isEqualTo("2");
		AvailabilityChangeEvent.publish(this.app, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(lastStatusChange().value("status")).isEqualTo("1");
	}

	@Test
	@Order(4)
	void operatorOutOfServiceOutlivesReadinessAndServerRestarts() throws Exception {
		assertThat(serviceRegistryEndpoint("{\"status\":\"OUT_OF_SERVICE\"}").statusCode()).isEqualTo(200);
		assertThat(lastStatusChange().path()).isEqualTo(DiscoveryApi.SET);
		assertThat(lastStatusChange().value("status")).isEqualTo("2");
		int changes = statusChanges().size();
		AvailabilityChangeEvent.publish(this.app, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(statusChanges()).hasSize(changes);
		assertThat(serviceRegistryEndpoint(null).body()).contains("OUT_OF_SERVICE");
		// the server forgets the instance: the renew -404 registers it again, still
		// out of service
		this.server.cancel(APPID, HOSTNAME, WireClients.ZONE);
		await().atMost(WAIT).until(() -> statusChanges().size() > changes);
		assertThat(lastStatusChange().path()).isEqualTo(DiscoveryApi.REGISTER);
		assertThat(lastStatusChange().value("status")).isEqualTo("2");
		assertThat(serviceRegistryEndpoint("{\"status\":\"UP\"}").statusCode()).isEqualTo(200);
		assertThat(lastStatusChange().path()).isEqualTo(DiscoveryApi.SET);
		assertThat(lastStatusChange().value("status")).isEqualTo("1");
	}

	@Test
	@Order(5)
	void metersCountTheRequestsTheReregistrationAndTheCache() {
		MeterRegistry meters = this.app.getBean(MeterRegistry.class);
		assertThat(requests(meters, "register", "success").count()).isGreaterThanOrEqualTo(2);
		assertThat(requests(meters, "set", "success").count()).isGreaterThanOrEqualTo(4);
		assertThat(requests(meters, "renew", "success").count()).isPositive();
		assertThat(meters.get(MicrometerRequestObserver.REQUESTS)
			.tags("operation", "renew", "outcome", "error", "code", "-404")
			.timer()
			.count()).isOne();
		assertThat(meters.get("discovery.client.reregistrations").functionCounter().count()).isOne();
		assertThat(meters.get(MicrometerRequestObserver.REQUESTS).tags("operation", "polls").timers()).isNotEmpty();
		// infra.discovery and this app
		assertThat(meters.get("discovery.client.cache.apps").gauge().value()).isEqualTo(2);
		assertThat(meters.get("discovery.client.cache.instances").gauge().value()).isEqualTo(2);
		assertThat(meters.get("discovery.client.poll.staleness").timeGauge().value()).isNotNaN();
		assertThat(meters.get("discovery.client.node.index").gauge().value()).isZero();
	}

	@Test
	@Order(100)
	void closingTurnsTheInstanceWaitingBeforeCancellingIt() {
		int before = statusChanges().size();
		this.app.close();
		List<RecordedRequest> closing = statusChanges().subList(before, statusChanges().size());
		assertThat(closing).extracting(RecordedRequest::path).containsExactly(DiscoveryApi.SET, DiscoveryApi.CANCEL);
		assertThat(closing.get(0).value("status")).isEqualTo("2");
	}

	// register, set and cancel requests of the app, in arrival order
	private List<RecordedRequest> statusChanges() {
		return this.proxy.requests()
			.stream()
			.filter((request) -> request.method().equals("POST") && !request.path().equals(DiscoveryApi.RENEW)
					&& request.values("appid").contains(APPID))
			.toList();
	}

	private RecordedRequest lastStatusChange() {
		List<RecordedRequest> changes = statusChanges();
		return changes.get(changes.size() - 1);
	}

	private HttpResponse<String> serviceRegistryEndpoint(String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/serviceregistry"));
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Timer requests(MeterRegistry meters, String operation, String outcome) {
		return meters.get(MicrometerRequestObserver.REQUESTS)
			.tags("operation", operation, "outcome", outcome, "code", "0")
			.timer();
	}

	private static String[] arguments(String... properties) {
		return Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
	}

}

package dev.discovery.samples.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.discovery.samples.consumer.ConsumerApplication;
import dev.discovery.samples.consumer.Greeting;
import dev.discovery.samples.consumer.ProviderClient;
import dev.discovery.samples.gateway.GatewayApplication;
import dev.discovery.samples.provider.ProviderApplication;
import dev.discovery.samples.reactive.ReactiveConsumerApplication;
import dev.discovery.server.DiscoveryServerApplication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.WebApplicationType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flow of {@code samples/demo.sh}: a discovery server, two providers and a consumer;
 * then the reactive consumer and the gateway against the same providers; finally one
 * provider stops while the consumer keeps calling. The consumer calls through every
 * client style: RestTemplate, RestClient, WebClient, OpenFeign and HTTP service groups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoFlowTests {

	private static final Log logger = LogFactory.getLog(DemoFlowTests.class);

	private static final Duration DISCOVERY_WAIT = Duration.ofSeconds(20);

	// The gateway sample puts Spring Cloud Gateway on the shared class path; only the
	// gateway application may run it.
	private static final String NOT_A_GATEWAY = "--spring.cloud.gateway.server.webflux.enabled=false";

	private static RunningApp server;

	private static RunningApp provider1;

	private static RunningApp provider2;

	private static RunningApp consumer;

	private final RestClient http = RestClient.create();

	@BeforeAll
	static void startServerProvidersAndConsumer() {
		server = RunningApp.start(DiscoveryServerApplication.class, WebApplicationType.REACTIVE,
				// The starter is on this class path too; the server must not be a client.
				"--discovery.enabled=false", "--spring.cloud.discovery.enabled=false",
				"--spring.cloud.service-registry.auto-registration.enabled=false", "--discovery.server.region=region01",
				"--discovery.server.zone=zone01", "--discovery.server.env=dev", NOT_A_GATEWAY);
		provider1 = startProvider("provider-1");
		provider2 = startProvider("provider-2");
		consumer = RunningApp.start(ConsumerApplication.class, WebApplicationType.SERVLET,
				clientArgs("sample.consumer", "consumer-1", "--sample.caller.enabled=false", NOT_A_GATEWAY,
						"--spring.http.serviceclient.provider-by-url.base-url=lb://sample.provider"));
	}

	@AfterAll
	static void stopAll() {
		// Clients first, so that they can still cancel their registrations.
		for (RunningApp app : new RunningApp[] { consumer, provider2, provider1, server }) {
			if (app != null) {
				app.close();
			}
		}
	}

	@Test
	@Order(1)
	void consumerCallsReachBothProvidersThroughEveryClientStyle() {
		ProviderClient client = consumer.bean(ProviderClient.class);

		await().atMost(DISCOVERY_WAIT).ignoreExceptions().untilAsserted(() -> {
			for (Map.Entry<String, Supplier<Greeting>> style : client.styles().entrySet()) {
				assertThat(answeringInstances(style.getValue())).as(style.getKey())
					.containsExactlyInAnyOrder("provider-1", "provider-2");
			}
		});
	}

	@Test
	@Order(2)
	void reactiveConsumerAndGatewayReachBothProviders() {
		try (RunningApp reactive = RunningApp.start(ReactiveConsumerApplication.class, WebApplicationType.REACTIVE,
				clientArgs("sample.reactive-consumer", "reactive-consumer-1", NOT_A_GATEWAY));
				RunningApp gateway = RunningApp.start(GatewayApplication.class, WebApplicationType.REACTIVE,
						clientArgs("sample.gateway", "gateway-1",
								"--spring.cloud.gateway.server.webflux.discovery.locator.enabled=true"))) {
			await().atMost(DISCOVERY_WAIT).ignoreExceptions().untilAsserted(() -> {
				assertThat(answeringInstances(() -> get(reactive.url("/call")))).containsExactlyInAnyOrder("provider-1",
						"provider-2");
				assertThat(answeringInstances(() -> get(gateway.url("/provider/hello"))))
					.containsExactlyInAnyOrder("provider-1", "provider-2");
				assertThat(answeringInstances(() -> get(gateway.url("/sample.provider/hello"))))
					.containsExactlyInAnyOrder("provider-1", "provider-2");
			});
			newAppReachesTheGatewaysDiscoveryRoutesAndLeavesThem(gateway);
		}
	}

	@Test
	@Order(3)
	void callsKeepSucceedingWhileAProviderShutsDown() throws InterruptedException {
		ProviderClient client = consumer.bean(ProviderClient.class);
		await().atMost(DISCOVERY_WAIT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(answeringInstances(client::helloViaRestClient)).hasSize(2));
		List<String> failures = new CopyOnWriteArrayList<>();
		AtomicBoolean calling = new AtomicBoolean(true);
		Thread caller = new Thread(() -> {
			while (calling.get()) {
				try {
					client.helloViaRestClient();
				}
				catch (RuntimeException ex) {
					failures.add(String.valueOf(ex));
				}
				// A steady trickle of calls, like the demo's, without hogging the CPU
				// the shutdown needs.
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
			}
		}, "demo-caller");
		caller.start();

		// Cancels its registration, waits the drain delay, then stops its web server.
		provider2.close();
		calling.set(false);
		caller.join();

		assertThat(failures).isEmpty();
		assertThat(answeringInstances(client::helloViaRestClient)).containsExactly("provider-1");
		assertThat(answeringInstances(client::helloViaRestTemplate)).containsExactly("provider-1");
	}

	// The catalog watch: a new app gets a discovery-locator route as soon as its first
	// instance is registered, and loses it when its last instance leaves.
	private void newAppReachesTheGatewaysDiscoveryRoutesAndLeavesThem(RunningApp gateway) {
		String route = gateway.url("/sample.newcomer/hello");
		assertThat(status(route)).isEqualTo(404);
		long begin = System.nanoTime();
		RunningApp newcomer = RunningApp.start(ProviderApplication.class, WebApplicationType.SERVLET,
				clientArgs("sample.newcomer", "newcomer-1", NOT_A_GATEWAY));
		long started = System.nanoTime();
		await().atMost(DISCOVERY_WAIT)
			.pollInterval(Duration.ofMillis(10))
			.ignoreExceptions()
			.until(() -> "newcomer-1".equals(get(route).instanceId()));
		long routed = System.nanoTime();
		newcomer.close();
		long closed = System.nanoTime();
		await().atMost(DISCOVERY_WAIT).pollInterval(Duration.ofMillis(10)).until(() -> status(route) == 404);
		long unrouted = System.nanoTime();
		logger.info(String.format(
				"MEASURED gateway discovery locator: new app routed %d ms after its run() returned (%d ms "
						+ "including its start-up); route gone %d ms after its context closed",
				(routed - started) / 1_000_000, (routed - begin) / 1_000_000, (unrouted - closed) / 1_000_000));
	}

	private static RunningApp startProvider(String hostname) {
		return RunningApp.start(ProviderApplication.class, WebApplicationType.SERVLET,
				clientArgs("sample.provider", hostname, NOT_A_GATEWAY));
	}

	private static String[] clientArgs(String appid, String hostname, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.application.name=" + appid,
				"--discovery.nodes=127.0.0.1:" + server.port(), "--discovery.region=region01",
				"--discovery.zone=zone01", "--discovery.env=dev", "--discovery.hostname=" + hostname,
				// Publish the loopback address: nothing else may be contacted here.
				"--discovery.instance.advertise-address=127.0.0.1"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private int status(String url) {
		Integer status = this.http.get().uri(url).exchange((request, response) -> response.getStatusCode().value());
		return (status != null) ? status : -1;
	}

	private Greeting get(String url) {
		return this.http.get().uri(url).retrieve().body(Greeting.class);
	}

	private static Set<String> answeringInstances(Supplier<Greeting> call) {
		Set<String> instances = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			instances.add(call.get().instanceId());
		}
		return instances;
	}

}

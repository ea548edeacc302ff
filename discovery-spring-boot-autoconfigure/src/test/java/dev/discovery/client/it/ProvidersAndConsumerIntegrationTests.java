package dev.discovery.client.it;

import dev.discovery.protocol.DiscoveryJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.discovery.client.it.consumer.ConsumerApplication;
import dev.discovery.client.it.provider.ProviderApplication;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.Response;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two providers and a consumer against the real discovery server on a loopback port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvidersAndConsumerIntegrationTests {

	private static final Log logger = LogFactory.getLog(ProvidersAndConsumerIntegrationTests.class);

	// The default: a re-registration within seconds of a server restart can only come
	// from the client noticing the restart, not from its next renew.
	private static final Duration RENEW_INTERVAL = Duration.ofSeconds(30);

	private final DiscoveryServerRunner server = new DiscoveryServerRunner();

	private final List<ConfigurableApplicationContext> providers = new ArrayList<>();

	private ConfigurableApplicationContext consumer;

	private RestClient restClient;

	@BeforeAll
	void startServerProvidersAndConsumer() {
		this.server.start();
		this.providers.add(startProvider("p1"));
		this.providers.add(startProvider("p2"));
		this.consumer = new SpringApplicationBuilder(ConsumerApplication.class).web(WebApplicationType.NONE)
			.run(arguments(clientProperties("demo.consumer", "consumer-1"), "discovery.poll.error-backoff=200ms"));
		this.restClient = this.consumer.getBean(RestClient.Builder.class).build();
	}

	@AfterAll
	void stopEverything() {
		if (this.consumer != null) {
			this.consumer.close();
		}
		this.providers.forEach(ConfigurableApplicationContext::close);
		this.server.stop();
	}

	@Test
	@Order(1)
	void consumerReachesBothProviders() {
		Set<String> answered = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			answered.add(callProvider());
		}
		assertThat(answered).containsExactlyInAnyOrder("p1", "p2");
	}

	@Test
	@Order(2)
	void startedProviderIsUsedWithinOneSecond() {
		long begin = System.nanoTime();
		ConfigurableApplicationContext third = startProvider("p3", new StopServingOnceConsumerForgets("provider-p3"),
				"discovery.instance.drain-delay=0s");
		long started = System.nanoTime();
		this.providers.add(third);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> "p3".equals(callProvider()) || "p3".equals(callProvider()) || "p3".equals(callProvider()));
		long used = System.nanoTime();
		logger.info(String.format(
				"MEASURED provider start -> consumer uses it: %d ms after run() returned "
						+ "(%d ms including the provider's own start-up)",
				(used - started) / 1_000_000, (used - begin) / 1_000_000));
	}

	@Test
	@Order(3)
	void gracefullyStoppedProviderDisappearsWithinOneSecondAndNoRequestFails() throws Exception {
		ConfigurableApplicationContext third = this.providers.remove(2);
		DiscoveryClient discoveryClient = this.consumer.getBean(DiscoveryClient.class);
		AtomicBoolean calling = new AtomicBoolean(true);
		AtomicInteger calls = new AtomicInteger();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		Thread caller = new Thread(() -> {
			while (calling.get()) {
				try {
					seen.add(callProvider());
					calls.incrementAndGet();
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
		});
		caller.start();
		await().until(() -> seen.contains("p3"));
		long begin = System.nanoTime();
		Thread closer = new Thread(third::close);
		closer.start();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(2))
			.until(() -> discoveryClient.getInstances("demo.provider").size() == 2);
		long gone = System.nanoTime();
		closer.join();
		long closed = System.nanoTime();
		calling.set(false);
		caller.join();
		logger.info(String.format(
				"MEASURED graceful stop -> consumer stops using it: %d ms (provider context "
						+ "closed after %d ms, %d calls, %d failures)",
				(gone - begin) / 1_000_000, (closed - begin) / 1_000_000, calls.get(), failures.size()));
		assertThat(failures).isEmpty();
		assertThat(calls.get()).isPositive();
	}

	@Test
	@Order(4)
	void consumerKeepsCallingProvidersWhileTheServerIsDown() {
		this.server.stop();
		Set<String> answered = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			answered.add(callProvider());
		}
		assertThat(answered).containsExactlyInAnyOrder("p1", "p2");
	}

	@Test
	@Order(5)
	void providersRegisterAgainSoonAfterTheServerRestartsEmptyAndTheConsumerNeverNarrowsToAPartialList()
			throws Exception {
		DiscoveryClient discoveryClient = this.consumer.getBean(DiscoveryClient.class);
		AtomicBoolean sampling = new AtomicBoolean(true);
		AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				fewest.accumulateAndGet(discoveryClient.getInstances("demo.provider").size(), Math::min);
				Thread.onSpinWait();
			}
		});
		sampler.start();
		int port = this.server.port();
		long begin = System.nanoTime();
		this.server.startOn(port);
		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> registeredProviders(port) == 2);
		long registered = System.nanoTime();
		// past the consumer's rejoin grace, when answers apply as they come again
		await().atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ofSeconds(6))
			.until(() -> discoveryClient.getInstances("demo.provider").size() == 2);
		sampling.set(false);
		sampler.join();
		logger.info(String.format(
				"MEASURED server restart -> providers registered again: %d ms after the "
						+ "server was up (%d ms including its start-up), renew interval %d ms; fewest "
						+ "instances the consumer listed meanwhile: %d",
				(registered - started) / 1_000_000, (registered - begin) / 1_000_000, RENEW_INTERVAL.toMillis(),
				fewest.get()));
		assertThat(fewest.get()).isEqualTo(2);
		Set<String> answered = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			answered.add(callProvider());
		}
		assertThat(answered).containsExactlyInAnyOrder("p1", "p2");
	}

	private String callProvider() {
		return this.restClient.get().uri("http://demo.provider/whoami").retrieve().body(String.class);
	}

	private ConfigurableApplicationContext startProvider(String name) {
		return startProvider(name, null, "discovery.instance.drain-delay=300ms");
	}

	private ConfigurableApplicationContext startProvider(String name, @Nullable SmartLifecycle extra,
			String drainDelay) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ProviderApplication.class)
			.web(WebApplicationType.SERVLET);
		if (extra != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("extraLifecycle", extra));
		}
		return builder.run(arguments(clientProperties("demo.provider", "provider-" + name), "provider.name=" + name,
				"server.address=127.0.0.1", "discovery.instance.advertise-address=127.0.0.1",
				"discovery.instance.renew-interval=" + RENEW_INTERVAL.toMillis() + "ms",
				"discovery.instance.renew-jitter=0s", drainDelay));
	}

	private String[] clientProperties(String appid, String hostname) {
		return new String[] { "spring.config.name=discovery-client-it", "server.port=0",
				"spring.application.name=" + appid, "discovery.nodes=" + this.server.node(), "discovery.region=sh",
				"discovery.zone=sh001", "discovery.env=dev", "discovery.hostname=" + hostname };
	}

	private static String[] arguments(String[] common, String... specific) {
		return Stream.concat(Arrays.stream(common), Arrays.stream(specific))
			.map((p) -> "--" + p)
			.toArray(String[]::new);
	}

	/**
	 * Holds a provider's shutdown after its cancel until the consumer no longer lists it,
	 * in place of a drain delay. The web server pauses its connector right after, and a
	 * paused Tomcat closes kept-alive connections instead of serving them: a consumer
	 * that still picks the instance then fails with "connection prematurely closed". A
	 * fixed drain delay only covers the propagation when the machine is not too loaded
	 * for it; this test is about what happens once the consumer knows.
	 */
	private final class StopServingOnceConsumerForgets implements SmartLifecycle {

		private final String instanceId;

		private volatile boolean running;

		StopServingOnceConsumerForgets(String instanceId) {
			this.instanceId = instanceId;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			DiscoveryClient discoveryClient = ProvidersAndConsumerIntegrationTests.this.consumer
				.getBean(DiscoveryClient.class);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(2))
				.until(() -> discoveryClient.getInstances("demo.provider")
					.stream()
					.noneMatch((instance) -> this.instanceId.equals(instance.getInstanceId())));
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		// after the deregistration, before the web server's graceful shutdown
		@Override
		public int getPhase() {
			return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
		}

	}

	private int registeredProviders(int port) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create("http://127.0.0.1:" + port + "/discovery/fetch?appid=demo.provider&env=dev&status=1"))
			.build();
		String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
		JsonMapper mapper = DiscoveryJson.mapper();
		Response<InstanceInfo> response = mapper.readValue(body, new TypeReference<Response<InstanceInfo>>() {
		});
		InstanceInfo info = response.data();
		return (response.code() != 0 || info == null) ? 0
				: info.instances().values().stream().mapToInt(List::size).sum();
	}

}

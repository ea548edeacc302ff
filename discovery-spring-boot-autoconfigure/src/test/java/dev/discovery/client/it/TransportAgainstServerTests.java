package dev.discovery.client.it;

import dev.discovery.protocol.DiscoveryJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.HeartbeatSettings;
import dev.discovery.client.registration.LocalInstance;
import dev.discovery.client.registration.Registrar;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.InstanceKey;
import dev.discovery.client.transport.TaskTimer;
import dev.discovery.protocol.PollsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The transport and the renew loop against the real discovery server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportAgainstServerTests {

	private final DiscoveryServerRunner server = new DiscoveryServerRunner();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private DiscoveryTransport transport;

	@BeforeAll
	void startServer() {
		this.server.start();
		this.scheduler.initialize();
		this.transport = transport(Duration.ofSeconds(40));
	}

	@AfterAll
	void stopServer() {
		this.scheduler.shutdown();
		this.server.stop();
	}

	@Test
	void renewOfUnknownInstanceAnswersNothingFound() {
		InstanceKey key = new InstanceKey("sh", "sh001", "dev", "unknown.app", "h1");
		assertThatExceptionOfType(DiscoveryServerException.class).isThrownBy(() -> this.transport.renew(key))
			.satisfies((ex) -> assertThat(ex.isNothingFound()).isTrue());
	}

	@Test
	void renewLoopRegistersAgainAfterTheServerForgotTheInstance() {
		DiscoveryServiceRegistry registry = new DiscoveryServiceRegistry(
				new Registrar(this.transport, TaskTimer.of(this.scheduler.getScheduledExecutor()), Clock.systemUTC(),
						new HeartbeatSettings(Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(200)), false));
		DiscoveryRegistration registration = new DiscoveryRegistration(new LocalInstance("renew.app", "sh", "sh001",
				"dev", "h1", "h", "127.0.0.1", 8080, false, "", Map.of(), List.of()));
		registry.register(registration);
		assertThat(fetchCount("renew.app")).isEqualTo(1);
		this.transport.cancel(registration.key());
		assertThat(fetchCount("renew.app")).isZero();
		await().atMost(Duration.ofSeconds(2)).until(() -> fetchCount("renew.app") == 1);
		registry.deregister(registration);
		assertThat(fetchCount("renew.app")).isZero();
	}

	@Test
	void pollHoldEndsWithTheTimeoutTheClientSends() {
		DiscoveryTransport shortTimeout = transport(Duration.ofSeconds(2));
		URI node = URI.create("http://" + this.server.node());
		long latest = this.transport.fetch(List.of("infra.discovery"), "dev")
			.value()
			.get("infra.discovery")
			.latestTimestamp();
		long begin = System.nanoTime();
		PollsResponse response = shortTimeout.polls(node, List.of("infra.discovery"), List.of(latest), "dev", "t");
		long heldMillis = (System.nanoTime() - begin) / 1_000_000;
		assertThat(response.code()).isEqualTo(-304);
		assertThat(heldMillis).isBetween(1000L, 2000L);
	}

	private DiscoveryTransport transport(Duration readTimeout) {
		DiscoveryNodes nodes = new DiscoveryNodes(List.of(this.server.node()), "sh001", Duration.ofMinutes(30),
				Clock.systemUTC(), new Random());
		return new DiscoveryTransport(
				DiscoveryHttpApiFactory.create(Duration.ofSeconds(3), readTimeout, DiscoveryJson.mapper()), nodes,
				DiscoveryJson.mapper());
	}

	private int fetchCount(String appid) {
		return this.transport.fetch(List.of(appid), "dev")
			.value()
			.values()
			.stream()
			.flatMap((info) -> info.instances().values().stream())
			.mapToInt(List::size)
			.sum();
	}

}

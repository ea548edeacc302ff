package dev.discovery.client.wire;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.discovery.protocol.DiscoveryApi;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code getServices()} and {@code HeartbeatEvent}s follow the app list of the env:
 * through the server's catalog watch, and through {@code fetch/all} at the fallback
 * interval when the node answers the watch with HTTP 404 as the Go reference does.
 */
class CatalogWireTests {

	private static final Log logger = LogFactory.getLog(CatalogWireTests.class);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private WireServer server;

	private RecordingProxy proxy;

	private final List<HeartbeatEvent> heartbeats = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server = WireServer.start();
		this.proxy = RecordingProxy.start().forwardTo(this.server.node());
	}

	@AfterEach
	void stopServer() {
		this.proxy.close();
		this.server.close();
	}

	@Test
	void newAppAndItsLastInstanceLeavingReachGetServicesAndAHeartbeatThroughTheWatch() {
		this.server.register("catalog.old", "h1", "http://127.0.0.1:1");
		WireClients.client(this.proxy)
			.withBean(HeartbeatCollector.class, () -> new HeartbeatCollector(this.heartbeats))
			.run((context) -> {
				DiscoveryClient client = context.getBean(DiscoveryClient.class);
				assertThat(client.getServices()).contains("catalog.old").doesNotContain("catalog.new");
				await().atMost(WAIT).until(() -> !this.proxy.requests(DiscoveryApi.CATALOG).isEmpty());
				int heartbeatsBefore = this.heartbeats.size();

				long begin = System.nanoTime();
				this.server.register("catalog.new", "h1", "http://127.0.0.1:2");
				await().atMost(WAIT)
					.pollInterval(Duration.ofMillis(5))
					.until(() -> client.getServices().contains("catalog.new"));
				long listed = System.nanoTime();
				await().atMost(WAIT).until(() -> this.heartbeats.size() > heartbeatsBefore);
				logger.info(String.format("MEASURED new app -> getServices(): %d ms (catalog watch)",
						(listed - begin) / 1_000_000));

				this.server.cancel("catalog.new", "h1");
				await().atMost(WAIT)
					.pollInterval(Duration.ofMillis(5))
					.until(() -> !client.getServices().contains("catalog.new"));
				assertThat(this.proxy.requests(DiscoveryApi.FETCH_ALL)).isEmpty();
			});
	}

	@Test
	void nodeWithoutTheWatchIsReadWithFetchAllAtTheFallbackInterval() {
		this.proxy.on((request) -> request.path().equals(DiscoveryApi.CATALOG), Reply.status(404));
		WireClients.client(this.proxy)
			.withPropertyValues("discovery.services-ttl=300ms")
			.withBean(HeartbeatCollector.class, () -> new HeartbeatCollector(this.heartbeats))
			.run((context) -> {
				DiscoveryClient client = context.getBean(DiscoveryClient.class);
				assertThat(client.getServices()).doesNotContain("catalog.late");

				this.server.register("catalog.late", "h1", "http://127.0.0.1:3");

				await().atMost(WAIT).until(() -> client.getServices().contains("catalog.late"));
				await().atMost(WAIT).until(() -> !this.heartbeats.isEmpty());
				assertThat(this.proxy.requests(DiscoveryApi.FETCH_ALL).size()).isGreaterThan(1);
			});
	}

	/**
	 * Collects the heartbeats the client publishes.
	 */
	static final class HeartbeatCollector implements ApplicationListener<HeartbeatEvent> {

		private final List<HeartbeatEvent> events;

		HeartbeatCollector(List<HeartbeatEvent> events) {
			this.events = events;
		}

		@Override
		public void onApplicationEvent(HeartbeatEvent event) {
			this.events.add(event);
		}

	}

}

package dev.discovery.client.wire;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.discovery.client.autoconfigure.DiscoveryClientProperties;
import dev.discovery.client.autoconfigure.DiscoveryTransportAutoConfiguration;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.protocol.DiscoveryApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which server node the starter talks to and how long it waits for one
 * (docs/wire-protocol.md §8.1, §8.3, §8.4, §13 items 72 and 73). The server advertises
 * itself through a proxy of its own, as a server behind a load-balanced address would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeSelectionWireTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	private RecordingProxy advertised;

	private WireServer server;

	@BeforeAll
	void startServer() throws IOException {
		this.advertised = RecordingProxy.start();
		this.server = WireServer.start("discovery.server.advertise-address=" + this.advertised.node());
		this.advertised.forwardTo(this.server.node());
	}

	@AfterAll
	void stopServer() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.advertised.close();
		this.server.close();
	}

	@Test
	void nodeListIsRefreshedFromTheHttpAddressesOfDiscoveryInstancesOfTheOwnZone() throws IOException {
		RecordingProxy seed = proxy();
		RecordingProxy elsewhere = track(RecordingProxy.start());
		seed.on(NodeSelectionWireTests::isPolls, Reply.rewrite((answer) -> {
			JsonNode self = answer.path("data").path(DiscoveryApi.SELF_APPID);
			if (self.isObject()) {
				ObjectNode instances = (ObjectNode) self.get("instances");
				// a node of another zone, and one of this zone without an http:// address
				addNode(instances.putArray("sh002"), "sh002", "http://" + elsewhere.node());
				addNode((ArrayNode) instances.get("sh001"), "sh001", "grpc://" + elsewhere.node());
			}
			return answer;
		}));
		WireClients.client(seed).withPropertyValues("discovery.zone=sh001").run((context) -> {
			DiscoveryNodes nodes = context.getBean(DiscoveryNodes.class);
			// the published node first, the seed kept as a fallback
			await().atMost(WAIT)
				.until(nodes::candidates,
						(candidates) -> candidates.equals(List.of(this.advertised.uri(), seed.uri())));
			int before = polls(this.advertised).size();
			seed.goDown();
			await().atMost(WAIT).until(() -> polls(this.advertised).size() > before);
			assertThat(elsewhere.requests()).isEmpty();
		});
	}

	@Test
	void defaultTimeoutsAreThreeSecondsToConnectAndFortySecondsPerRequest() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(UtilAutoConfiguration.class, DiscoveryTransportAutoConfiguration.class))
			.withPropertyValues("discovery.nodes=127.0.0.1:9")
			.run((context) -> {
				DiscoveryClientProperties properties = context.getBean(DiscoveryClientProperties.class);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(40));
			});
	}

	@Test
	void pollsAnnounceTheRequestTimeoutLessAMarginAboveTheThirtySecondHold() throws IOException {
		RecordingProxy proxy = proxy();
		WireClients.client(proxy).run((context) -> {
			RecordedRequest poll = await().atMost(WAIT).until(() -> polls(proxy), (polls) -> !polls.isEmpty()).get(0);
			assertThat(poll.header(DiscoveryApi.TIMEOUT_HEADER)).isEqualTo("39000");
		});
	}

	@Test
	void unansweredPollIsAbandonedAfterTheRequestTimeoutForTheNextNode() throws IOException {
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		AtomicReference<RecordingProxy> stalled = new AtomicReference<>();
		a.on((request) -> isPolls(request) && (stalled.compareAndSet(null, a) || stalled.get() == a), Reply.stall());
		b.on((request) -> isPolls(request) && (stalled.compareAndSet(null, b) || stalled.get() == b), Reply.stall());
		WireClients.client(a, b).withPropertyValues("discovery.read-timeout=1s").run((context) -> {
			await().atMost(WAIT).until(() -> stalled.get() != null);
			RecordingProxy other = (stalled.get() == a) ? b : a;
			await().atMost(WAIT).until(() -> !polls(other).isEmpty());
			// Spring reports the expired request as cancelled
			assertThat(context.getBean(InstancePoller.class).status().lastError())
				.contains(stalled.get().uri().toString());
		});
	}

	@Test
	void unreachableNodeIsAbandonedAfterTheConnectTimeoutForTheNextNode() throws IOException {
		BlackholeNode blackhole = track(BlackholeNode.open());
		RecordingProxy proxy = proxy();
		WireClients.client(proxy)
			.withPropertyValues("discovery.connect-timeout=300ms", "discovery.read-timeout=30s")
			.withBean(DiscoveryNodes.class,
					() -> new DiscoveryNodes(List.of(blackhole.node(), proxy.node()), WireClients.ZONE,
							Duration.ofMinutes(30), Clock.systemUTC(), new InOrder()))
			.run((context) -> {
				// far less than the request timeout: only the connect timeout can end it
				await().atMost(Duration.ofSeconds(5)).until(() -> !polls(proxy).isEmpty());
				assertThat(context.getBean(InstancePoller.class).status().lastError()).contains("connect timed out")
					.contains(blackhole.node());
			});
	}

	private RecordingProxy proxy() throws IOException {
		return track(RecordingProxy.start().forwardTo(this.server.node()));
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	private static boolean isPolls(RecordedRequest request) {
		return request.path().equals(DiscoveryApi.POLLS);
	}

	private static List<RecordedRequest> polls(RecordingProxy proxy) {
		return proxy.requests(DiscoveryApi.POLLS);
	}

	private static void addNode(ArrayNode zone, String zoneName, String addr) {
		ObjectNode node = zone.addObject();
		node.put("region", "sh");
		node.put("zone", zoneName);
		node.put("env", "dev");
		node.put("appid", DiscoveryApi.SELF_APPID);
		node.put("hostname", "injected-" + zoneName + "-" + zone.size());
		node.putArray("addrs").add(addr);
		node.put("status", 1);
	}

	/**
	 * A "random" source that leaves the seed order as configured.
	 */
	private static final class InOrder extends Random {

		@Override
		public int nextInt(int bound) {
			return bound - 1;
		}

	}

}

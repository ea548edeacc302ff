package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes of one zone replicating to each other (docs/wire-protocol.md §5.2–5.5, §13
 * items 56–58, 61). Short lease and eviction intervals so that keeping an instance alive
 * is observable within seconds.
 */
class ThreeNodeClusterTests {

	private static final String ZONE = "sh001";

	private static List<ClusterNode> cluster;

	private static ClusterNode a;

	private static ClusterNode b;

	private static ClusterNode c;

	@BeforeAll
	static void startCluster() {
		List<Integer> ports = List.of(ClusterNode.freePort(), ClusterNode.freePort(), ClusterNode.freePort());
		List<String> nodes = ports.stream().map(ClusterNode::address).toList();
		cluster = ports.stream()
			.map((port) -> ClusterNode.configure(port, ZONE, nodes, "discovery.server.self-renew-interval=500ms",
					"discovery.server.eviction.interval=500ms", "discovery.server.eviction.lease-duration=2s",
					"discovery.server.eviction.renewal-percent-threshold=0"))
			.toList();
		cluster.forEach(ClusterNode::start);
		a = cluster.get(0);
		b = cluster.get(1);
		c = cluster.get(2);
	}

	@AfterAll
	static void stopCluster() {
		cluster.parallelStream().forEach(ClusterNode::close);
	}

	@Test
	void registerOnOneNodeIsVisibleOnAnotherWithTheSameDirtyTimestampAndWakesItsParkedPoll() throws Exception {
		String app = "cluster.visible";
		CompletableFuture<JsonNode> parked = c.http()
			.getAsync("/discovery/polls", "appid", app, "env", "dev", "hostname", "watcher", "latest_timestamp", "0");
		// An unknown appid holds the polls; give it time to park.
		await().pollDelay(Duration.ofMillis(200)).until(() -> !parked.isDone());

		long registered = System.nanoTime();
		assertThat(a.http().register(app, ZONE, "h1").path("code").asInt()).isZero();
		JsonNode woken = parked.get(5, TimeUnit.SECONDS);
		Duration wakeUp = Duration.ofNanos(System.nanoTime() - registered);

		assertThat(woken.path("code").asInt()).isZero();
		assertThat(woken.path("data").path(app).path("instances").path(ZONE).get(0).path("hostname").asString())
			.isEqualTo("h1");
		assertThat(wakeUp).isLessThan(Duration.ofSeconds(1));
		JsonNode onA = a.http().instance(app, ZONE, "h1");
		JsonNode onC = c.http().instance(app, ZONE, "h1");
		assertThat(onC.path("dirty_timestamp").asLong()).isEqualTo(onA.path("dirty_timestamp").asLong());
	}

	@Test
	void renewsOnOneNodeKeepTheInstanceAliveOnEveryNode() {
		String app = "cluster.renewed";
		a.http().register(app, ZONE, "kept");
		a.http().register(app, ZONE, "silent");
		awaitOnEveryNode(app, "kept", true);
		awaitOnEveryNode(app, "silent", true);

		long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
		while (System.nanoTime() < until) {
			assertThat(b.http().renew(app, ZONE, "kept").path("code").asInt()).isZero();
			await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		}

		// The lease is 2 s: the silent instance expired on every node, the renewed one
		// did not.
		awaitOnEveryNode(app, "silent", false);
		for (ClusterNode node : cluster) {
			assertThat(node.http().instance(app, ZONE, "kept")).as(node.address()).isNotNull();
		}
	}

	@Test
	void cancelOnOneNodeRemovesTheInstanceFromEveryNode() {
		String app = "cluster.cancelled";
		a.http().register(app, ZONE, "h1");
		awaitOnEveryNode(app, "h1", true);

		assertThat(c.http().cancel(app, ZONE, "h1").path("code").asInt()).isZero();

		awaitOnEveryNode(app, "h1", false);
	}

	@Test
	void setCarriesTheOriginTimestampSoEveryNodeHasTheSameDirtyTimestamp() {
		// docs/wire-protocol.md §13 item 61
		String app = "cluster.set";
		a.http().register(app, ZONE, "h1", "metadata", "{\"a\":\"1\"}");
		awaitOnEveryNode(app, "h1", true);

		assertThat(b.http()
			.post("/discovery/set", "appid", app, "zone", ZONE, "env", "dev", "hostname", "h1", "status", "2",
					"metadata", "{\"b\":\"2\"}")
			.path("code")
			.asInt()).isZero();

		long dirty = b.http().instance(app, ZONE, "h1").path("dirty_timestamp").asLong();
		for (ClusterNode node : cluster) {
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				JsonNode instance = node.http().instance(app, ZONE, "h1");
				assertThat(instance.path("status").asInt()).isEqualTo(2);
				assertThat(instance.path("dirty_timestamp").asLong()).isEqualTo(dirty);
				assertThat(instance.path("metadata").path("a").asString()).isEqualTo("1");
				assertThat(instance.path("metadata").path("b").asString()).isEqualTo("2");
			});
		}
	}

	@Test
	void renewOfAnInstanceUnknownToThePeersMakesThemReceiveAFullRegister() {
		// docs/wire-protocol.md §13 item 57: a peer register (replication=true) is not
		// forwarded, so only A knows the instance until A's renew gets -404 from the
		// others.
		String app = "cluster.repaired";
		a.http().register(app, ZONE, "h1", "replication", "true", "addrs", "grpc://127.0.0.1:9001");
		assertThat(b.http().instance(app, ZONE, "h1")).isNull();

		assertThat(a.http().renew(app, ZONE, "h1").path("code").asInt()).isZero();

		awaitOnEveryNode(app, "h1", true);
		JsonNode onB = b.http().instance(app, ZONE, "h1");
		assertThat(onB.path("addrs")).hasSize(2);
		assertThat(onB.path("dirty_timestamp").asLong())
			.isEqualTo(a.http().instance(app, ZONE, "h1").path("dirty_timestamp").asLong());
	}

	@Test
	void renewAnsweredWithConflictMakesTheSenderStoreThePeersNewerCopy() {
		// docs/wire-protocol.md §13 item 58: B gets a newer version that is not
		// propagated (replication=true), A's next replicated renew gets -409 from B.
		String app = "cluster.conflict";
		a.http().register(app, ZONE, "h1");
		awaitOnEveryNode(app, "h1", true);
		long newer = a.http().instance(app, ZONE, "h1").path("dirty_timestamp").asLong() + 1_000;
		assertThat(b.http()
			.post("/discovery/set", "appid", app, "zone", ZONE, "env", "dev", "hostname", "h1", "status", "2",
					"set_timestamp", Long.toString(newer), "replication", "true")
			.path("code")
			.asInt()).isZero();

		a.http().renew(app, ZONE, "h1");

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode onA = a.http().instance(app, ZONE, "h1");
			assertThat(onA.path("dirty_timestamp").asLong()).isEqualTo(newer);
			assertThat(onA.path("status").asInt()).isEqualTo(2);
		});
	}

	@Test
	void nodesListsEveryPeerAsUpOnceItAnswered() {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode nodes = a.http().get("/discovery/nodes").path("data");
			assertThat(nodes).hasSize(3);
			for (JsonNode node : nodes) {
				assertThat(node.path("status").asInt()).as(node.toString()).isZero();
				assertThat(node.path("zone").asString()).isEqualTo(ZONE);
			}
		});
	}

	private static void awaitOnEveryNode(String app, String hostname, boolean present) {
		for (ClusterNode node : cluster) {
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(20))
				.alias(hostname + " on " + node.address())
				.until(() -> (node.http().instance(app, ZONE, hostname) != null) == present);
		}
	}

}

package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two zones of two nodes each (docs/wire-protocol.md §5.6, §13 item 59): every change
 * reaches all four nodes and crosses between the zones exactly once. Self-renews are
 * slowed down so that only the test's changes travel.
 */
class TwoZoneClusterTests {

	private static final String Z1 = "z1";

	private static final String Z2 = "z2";

	private static final List<ClusterNode> cluster = new ArrayList<>();

	private static ClusterNode a1;

	private static ClusterNode a2;

	private static ClusterNode b1;

	private static ClusterNode b2;

	@BeforeAll
	static void startCluster() {
		List<String> zone1 = List.of(ClusterNode.address(ClusterNode.freePort()),
				ClusterNode.address(ClusterNode.freePort()));
		List<String> zone2 = List.of(ClusterNode.address(ClusterNode.freePort()),
				ClusterNode.address(ClusterNode.freePort()));
		for (String node : zone1) {
			cluster.add(node(node, Z1, zone1, Z2, zone2));
		}
		for (String node : zone2) {
			cluster.add(node(node, Z2, zone2, Z1, zone1));
		}
		cluster.forEach(ClusterNode::start);
		a1 = cluster.get(0);
		a2 = cluster.get(1);
		b1 = cluster.get(2);
		b2 = cluster.get(3);
		awaitQuiet();
	}

	private static ClusterNode node(String address, String zone, List<String> nodes, String otherZone,
			List<String> otherNodes) {
		int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
		return ClusterNode.configure(port, zone, nodes, "discovery.server.self-renew-interval=1h",
				"discovery.server.zones." + otherZone + "=" + String.join(",", otherNodes));
	}

	@AfterAll
	static void stopCluster() {
		cluster.forEach(ClusterNode::close);
	}

	@Test
	void eachChangeReachesEveryNodeAndCrossesZonesExactlyOnce() {
		String app = "zones.app";
		double before = crossZoneRequests("register");
		assertThat(a1.http().register(app, Z1, "h1").path("code").asInt()).isZero();
		awaitOnEveryNode(app, "h1", (instance) -> instance != null);
		awaitQuiet();
		assertThat(crossZoneRequests("register") - before).isEqualTo(1);

		before = crossZoneRequests("renew");
		long renewedOnA2 = a2.http().renew(app, Z1, "h1").path("data").path("renew_timestamp").asLong();
		awaitQuiet();
		assertThat(crossZoneRequests("renew") - before).isEqualTo(1);
		assertThat(b2.http().liveInstance(app, Z1, "h1").path("renew_timestamp").asLong()).isGreaterThan(renewedOnA2);

		before = crossZoneRequests("set");
		assertThat(b1.http()
			.post("/discovery/set", "appid", app, "zone", Z1, "env", "dev", "hostname", "h1", "status", "2")
			.path("code")
			.asInt()).isZero();
		awaitOnEveryNode(app, "h1", (instance) -> instance != null && instance.path("status").asInt() == 2);
		awaitQuiet();
		assertThat(crossZoneRequests("set") - before).isEqualTo(1);

		before = crossZoneRequests("cancel");
		assertThat(b2.http().cancel(app, Z1, "h1").path("code").asInt()).isZero();
		awaitOnEveryNode(app, "h1", (instance) -> instance == null);
		awaitQuiet();
		assertThat(crossZoneRequests("cancel") - before).isEqualTo(1);
	}

	@Test
	void nodesOfTheOtherZoneAreLearnedButNotListed() {
		JsonNode nodes = a1.http().get("/discovery/nodes").path("data");
		assertThat(nodes).hasSize(2);
		nodes.forEach((node) -> assertThat(node.path("zone").asString()).isEqualTo(Z1));
		JsonNode selves = b1.http().get("/discovery/fetch", "appid", "infra.discovery", "env", "dev", "status", "1");
		assertThat(selves.path("data").path("instances").path(Z1)).hasSize(2);
		assertThat(selves.path("data").path("instances").path(Z2)).hasSize(2);
	}

	/**
	 * Requests sent to other zones by all four nodes, for one action.
	 */
	private static double crossZoneRequests(String action) {
		double total = 0;
		for (ClusterNode node : cluster) {
			for (Counter counter : node.bean(MeterRegistry.class)
				.find("discovery.replication.requests")
				.tag("action", action)
				.counters()) {
				if (counter.getId().getTag("peer").startsWith("zone:")) {
					total += counter.count();
				}
			}
		}
		return total;
	}

	private static void awaitQuiet() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> cluster.stream().allMatch((node) -> node.pendingReplication() == 0));
	}

	private static void awaitOnEveryNode(String app, String hostname,
			java.util.function.Predicate<JsonNode> condition) {
		for (ClusterNode node : cluster) {
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(20))
				.alias(hostname + " on " + node.address())
				.until(() -> condition.test(node.http().instance(app, Z1, hostname)));
		}
	}

}

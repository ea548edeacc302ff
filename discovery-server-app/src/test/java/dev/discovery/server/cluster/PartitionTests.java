package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes that reach each other only through in-process TCP proxies, which can refuse
 * connections or swallow them (a black hole): each node marks the other LOST within a few
 * seconds, and after the partition heals both hold the newest state of every instance,
 * cancels made during the partition included (docs/cluster.md, "Convergence").
 */
class PartitionTests {

	private static final Log logger = LogFactory.getLog(PartitionTests.class);

	private static final String ZONE = "sh001";

	private static final String APP = "partition.app";

	private static TcpProxy toA;

	private static TcpProxy toB;

	private static ClusterNode a;

	private static ClusterNode b;

	@BeforeAll
	static void startCluster() {
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		toA = new TcpProxy(ClusterNode.freePort(), portA);
		toB = new TcpProxy(ClusterNode.freePort(), portB);
		List<String> nodes = List.of(toA.address(), toB.address());
		// Each node advertises its proxy, so peers only ever reach it through the proxy.
		a = ClusterNode.configure(portA, ZONE, nodes, "discovery.server.advertise-address=" + toA.address()).start();
		b = ClusterNode.configure(portB, ZONE, nodes, "discovery.server.advertise-address=" + toB.address()).start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> status(a, toB.address()) == 0 && status(b, toA.address()) == 0);
	}

	@AfterAll
	static void stopCluster() {
		List.of(a, b).forEach(ClusterNode::close);
		toA.close();
		toB.close();
	}

	@AfterEach
	void heal() {
		toA.mode(TcpProxy.Mode.PASS);
		toB.mode(TcpProxy.Mode.PASS);
	}

	@Test
	void aBlackHoledPeerIsLostWithinSecondsAndUpAgainOnceItAnswers() {
		long start = System.nanoTime();
		toB.mode(TcpProxy.Mode.BLACK_HOLE);

		await().atMost(Duration.ofSeconds(5)).until(() -> status(a, toB.address()) == 1);
		logger.info("Black-holed peer marked LOST after " + (System.nanoTime() - start) / 1_000_000 + " ms");
		assertThat(a.http().register("partition.client", ZONE, "fast").path("code").asInt()).isZero();

		toB.mode(TcpProxy.Mode.PASS);
		await().atMost(Duration.ofSeconds(5)).until(() -> status(a, toB.address()) == 0);
	}

	@Test
	void aPeerRefusingConnectionsIsLostWithinSeconds() {
		toA.mode(TcpProxy.Mode.REFUSE);

		await().atMost(Duration.ofSeconds(5)).until(() -> status(b, toA.address()) == 1);
	}

	@Test
	void afterAPartitionHealsBothNodesHoldTheNewestStateAndNoCancelIsUndone() {
		for (String hostname : List.of("kept", "cancelled-on-a", "cancelled-on-b", "changed-on-b")) {
			a.http().register(APP, ZONE, hostname);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> hostnames(b).size() == 4);
		toA.mode(TcpProxy.Mode.BLACK_HOLE);
		toB.mode(TcpProxy.Mode.BLACK_HOLE);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> status(a, toB.address()) == 1 && status(b, toA.address()) == 1);

		a.http().cancel(APP, ZONE, "cancelled-on-a");
		b.http().cancel(APP, ZONE, "cancelled-on-b");
		b.http().register(APP, ZONE, "changed-on-b", "addrs", "http://10.0.0.2:2");
		a.http().register(APP, ZONE, "new-on-a");
		b.http().register(APP, ZONE, "new-on-b");
		// The stale copy on B keeps being renewed by a confused client.
		assertThat(b.http().renew(APP, ZONE, "cancelled-on-a").path("code").asInt()).isZero();

		long healed = System.nanoTime();
		toA.mode(TcpProxy.Mode.PASS);
		toB.mode(TcpProxy.Mode.PASS);

		Set<String> expected = new TreeSet<>(List.of("kept", "changed-on-b", "new-on-a", "new-on-b"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> hostnames(a).equals(expected) && hostnames(b).equals(expected)
					&& addrs(a, "changed-on-b").contains("10.0.0.2"));
		logger.info("Converged " + (System.nanoTime() - healed) / 1_000_000 + " ms after the heal");
		// The stale copy's next renew must not bring the cancelled instance back.
		b.http().renew(APP, ZONE, "cancelled-on-a");
		await().atMost(Duration.ofSeconds(5)).until(() -> a.pendingReplication() == 0 && b.pendingReplication() == 0);
		assertThat(hostnames(a)).isEqualTo(expected);
		assertThat(hostnames(b)).isEqualTo(expected);
	}

	private static Set<String> hostnames(ClusterNode node) {
		Set<String> hostnames = new TreeSet<>();
		for (JsonNode instance : node.http().fetch(APP).path("data").path("instances").path(ZONE)) {
			hostnames.add(instance.path("hostname").asString());
		}
		return hostnames;
	}

	private static String addrs(ClusterNode node, String hostname) {
		JsonNode instance = node.http().instance(APP, ZONE, hostname);
		return (instance != null) ? instance.path("addrs").toString() : "";
	}

	static int status(ClusterNode node, String address) {
		for (JsonNode entry : node.http().get("/discovery/nodes").path("data")) {
			if (address.equals(entry.path("addr").asString())) {
				return entry.path("status").asInt();
			}
		}
		return -1;
	}

}

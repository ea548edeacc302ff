package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Register and cancel of the same hostnames through three nodes in turn, as fast as the
 * nodes answer: once replication is idle, every node holds for every hostname the state
 * of the last acknowledged operation (docs/cluster.md, "Ordering"). 100 rounds of 10
 * hostnames by default; {@code -Pfaults-long} runs 1,000.
 */
class FlappingTests {

	private static final Log logger = LogFactory.getLog(FlappingTests.class);

	private static final String ZONE = "sh001";

	private static final String APP = "flapping.app";

	private static final int HOSTNAMES = 10;

	private static final int ROUNDS = Boolean.getBoolean("faults.long") ? 1000 : 100;

	private static final List<ClusterNode> nodes = new ArrayList<>();

	@BeforeAll
	static void startCluster() {
		List<Integer> ports = List.of(ClusterNode.freePort(), ClusterNode.freePort(), ClusterNode.freePort());
		List<String> addresses = ports.stream().map(ClusterNode::address).toList();
		for (int port : ports) {
			nodes.add(ClusterNode.configure(port, ZONE, addresses).start());
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> nodes.stream()
				.allMatch((node) -> node.http()
					.get("/discovery/nodes")
					.path("data")
					.toString()
					.split("\"status\":0", -1).length == 4));
	}

	@AfterAll
	static void stopCluster() {
		nodes.forEach(ClusterNode::close);
	}

	@Test
	void afterRegistersAndCancelsThroughNodesInTurnEveryNodeHoldsTheLastAcknowledgedState() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(HOSTNAMES);
		List<CompletableFuture<Boolean>> lastAcknowledged = new ArrayList<>();
		for (int h = 0; h < HOSTNAMES; h++) {
			String hostname = "f" + h;
			int offset = h;
			lastAcknowledged.add(CompletableFuture.supplyAsync(() -> flap(hostname, offset), clients));
		}
		List<Boolean> registered = new ArrayList<>();
		for (CompletableFuture<Boolean> future : lastAcknowledged) {
			registered.add(future.get());
		}
		clients.shutdown();

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> nodes.stream().allMatch((node) -> node.pendingReplication() == 0)
					&& diverging(registered) == 0);
		logger.info("Flapping " + ROUNDS + " rounds x " + HOSTNAMES + " hostnames: " + diverging(registered)
				+ " diverging (hostname, node) pairs once idle");
		assertThat(diverging(registered)).isZero();
	}

	/**
	 * Register, cancel, register... of one hostname, each through the next node.
	 * @return whether the last acknowledged operation was a register
	 */
	private static boolean flap(String hostname, int offset) {
		boolean registered = false;
		for (int round = 0; round < ROUNDS; round++) {
			DiscoveryHttp node = nodes.get((round + offset) % nodes.size()).http();
			if (round % 2 == 0) {
				if (node.register(APP, ZONE, hostname).path("code").asInt() == 0) {
					registered = true;
				}
			}
			else if (node.cancel(APP, ZONE, hostname).path("code").asInt() == 0) {
				registered = false;
			}
		}
		return registered;
	}

	private static long diverging(List<Boolean> registered) {
		long diverging = 0;
		for (ClusterNode node : nodes) {
			for (int h = 0; h < HOSTNAMES; h++) {
				boolean present = node.http().instance(APP, ZONE, "f" + h) != null;
				if (present != registered.get(h)) {
					diverging++;
				}
			}
		}
		return diverging;
	}

}

package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer whose every answer is delayed by 2 s (a proxy in front of node C, which
 * advertises the proxy's address) slows neither the renews on A nor their replication to
 * B (D13); C still receives the changes, late.
 */
class SlowPeerTests {

	private static final String ZONE = "sh001";

	private static ClusterNode a;

	private static ClusterNode b;

	private static ClusterNode c;

	private static FakePeer slowProxy;

	@BeforeAll
	static void startCluster() {
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		int portC = ClusterNode.freePort();
		slowProxy = FakePeer.delaying(portC, Duration.ofSeconds(2));
		List<String> nodes = List.of(ClusterNode.address(portA), ClusterNode.address(portB), slowProxy.address());
		a = ClusterNode.configure(portA, ZONE, nodes).start();
		b = ClusterNode.configure(portB, ZONE, nodes).start();
		c = ClusterNode.configure(portC, ZONE, nodes, "discovery.server.advertise-address=" + slowProxy.address())
			.start();
	}

	@AfterAll
	static void stopCluster() {
		List.of(a, b, c).forEach(ClusterNode::close);
		slowProxy.close();
	}

	@Test
	void slowPeerDoesNotSlowRenewsOnTheOtherNodes() {
		String app = "slow.peer";
		a.http().register(app, ZONE, "h1");
		await().atMost(Duration.ofSeconds(2)).until(() -> b.http().instance(app, ZONE, "h1") != null);

		long slowest = 0;
		long lastRenew = 0;
		for (int n = 0; n < 50; n++) {
			long start = System.nanoTime();
			lastRenew = a.http().renew(app, ZONE, "h1").path("data").path("renew_timestamp").asLong();
			slowest = Math.max(slowest, System.nanoTime() - start);
		}

		// Every answer came far below the peer's 2 s delay ...
		assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));
		// ... and B saw the last renew at once, while C's copy arrives later.
		long renewedBefore = lastRenew;
		await().atMost(Duration.ofMillis(500))
			.until(() -> b.http().liveInstance(app, ZONE, "h1").path("renew_timestamp").asLong() > renewedBefore);
		await().atMost(Duration.ofSeconds(10)).until(() -> c.http().instance(app, ZONE, "h1") != null);
	}

}

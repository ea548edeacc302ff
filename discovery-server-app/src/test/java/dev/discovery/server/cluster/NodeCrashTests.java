package dev.discovery.server.cluster;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node B (its own JVM) is killed with SIGKILL during a stream of registers and renews,
 * then restarted empty on the same port (docs/wire-protocol.md §5.8, §5.9).
 */
class NodeCrashTests {

	private static final Log logger = LogFactory.getLog(NodeCrashTests.class);

	private static final String ZONE = "sh001";

	private static final String APP = "crash.stream";

	private static final int INSTANCES = 120;

	@Test
	void killedNodeLosesNoRegistrationAcknowledgedByTheOthersAndRestartsWithoutServingAPartialRegistry()
			throws Exception {
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		int portC = ClusterNode.freePort();
		List<String> nodes = List.of(ClusterNode.address(portA), ClusterNode.address(portB),
				ClusterNode.address(portC));
		Path logs = Path.of("target", "cluster-logs");
		try (ClusterNode a = ClusterNode.configure(portA, ZONE, nodes).start();
				ClusterNode c = ClusterNode.configure(portC, ZONE, nodes).start();
				ChildProcessNode b = ChildProcessNode.start(portB, ZONE, nodes, logs.resolve("node-b.log"))) {
			DiscoveryHttp onB = new DiscoveryHttp(portB);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> a.http().instance("infra.discovery", ZONE, "node-" + portB) != null);

			// A stream of registers spread over A, B and C, each followed by renews of
			// earlier instances; B is killed half-way. Like real clients, a request that
			// fails on B is sent to A instead.
			List<DiscoveryHttp> targets = List.of(a.http(), onB, c.http());
			Map<String, String> ackedBy = new ConcurrentHashMap<>();
			for (int n = 0; n < INSTANCES; n++) {
				if (n == INSTANCES / 2) {
					b.kill();
				}
				String hostname = "s" + n;
				int home = n % 3;
				ackedBy.put(hostname, registerWithFailover(targets, home, hostname));
				String earlier = "s" + (n / 2);
				renewWithFailover(targets, (n / 2) % 3, earlier);
			}

			List<String> ackedByAorC = ackedBy.entrySet()
				.stream()
				.filter((e) -> !e.getValue().equals("B"))
				.map(Map.Entry::getKey)
				.toList();
			for (ClusterNode node : List.of(a, c)) {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(hostnames(node.http().fetch(APP))).containsAll(ackedByAorC));
			}
			// Registrations that only B acknowledged may have died with its queues; the
			// clients' next renew (-404 → register) restores them.
			long missing = ackedBy.keySet().stream().filter((h) -> !hostnames(a.http().fetch(APP)).contains(h)).count();
			logger.info("After the kill: " + missing + " registration(s) acknowledged only by B missing on A");
			for (String hostname : ackedBy.keySet()) {
				if (a.http().renew(APP, ZONE, hostname).path("code").asInt() == -404) {
					a.http().register(APP, ZONE, hostname);
				}
			}
			for (ClusterNode node : List.of(a, c)) {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(hostnames(node.http().fetch(APP))).hasSize(INSTANCES));
			}

			// Restart B empty and watch it from before it listens.
			List<String> answers = new CopyOnWriteArrayList<>();
			AtomicBoolean watching = new AtomicBoolean(true);
			Thread watcher = new Thread(() -> {
				while (watching.get()) {
					answers.add(describe(onB));
				}
			}, "watch-restarted-b");
			watcher.start();
			try (ChildProcessNode restarted = ChildProcessNode.start(portB, ZONE, nodes,
					logs.resolve("node-b-restarted.log"))) {
				await().atMost(Duration.ofSeconds(60)).until(() -> answers.contains("code 0, " + INSTANCES));
				watching.set(false);
				watcher.join();
				List<String> served = answers.stream().filter((answer) -> answer.startsWith("code 0")).toList();
				logger.info(
						"Restarted B answered " + answers.size() + " fetches: " + answers.stream().distinct().toList());
				assertThat(served).isNotEmpty().allMatch((answer) -> answer.equals("code 0, " + INSTANCES));
				assertThat(answers).allMatch((answer) -> answer.equals("refused") || answer.equals("code -500")
						|| answer.equals("code 0, " + INSTANCES));
			}
			finally {
				watching.set(false);
			}
		}
	}

	/**
	 * Eight clients register on B as fast as it answers; B is killed in the middle. Every
	 * registration acknowledged by A stays; of those only B acknowledged, the log says
	 * how many died with its queues (the clients' next renew restores them). A long
	 * variant ({@code -Pfaults-long}).
	 */
	@Test
	@EnabledIfSystemProperty(named = "faults.long", matches = "true")
	void killedNodeUnderConcurrentLoadLosesOnlyWhatItHadNotSentYet() throws Exception {
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		List<String> nodes = List.of(ClusterNode.address(portA), ClusterNode.address(portB));
		try (ClusterNode a = ClusterNode.configure(portA, ZONE, nodes).start();
				ChildProcessNode b = ChildProcessNode.start(portB, ZONE, nodes,
						Path.of("target", "cluster-logs", "node-b-load.log"))) {
			DiscoveryHttp onB = new DiscoveryHttp(portB);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> a.http().instance("infra.discovery", ZONE, "node-" + portB) != null);
			List<String> acked = new CopyOnWriteArrayList<>();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> clients = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int client = t;
				Thread thread = new Thread(() -> {
					for (int n = 0; !stop.get(); n++) {
						String hostname = "load-" + client + "-" + n;
						try {
							if (onB.register(APP, ZONE, hostname).path("code").asInt() == 0) {
								acked.add(hostname);
							}
						}
						catch (RuntimeException ex) {
							return;
						}
					}
				});
				thread.start();
				clients.add(thread);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 500);
			b.kill();
			stop.set(true);
			for (Thread thread : clients) {
				thread.join();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> a.pendingReplication() == 0);
			List<String> onA = hostnames(a.http().fetch(APP));
			long missing = acked.stream().filter((hostname) -> !onA.contains(hostname)).count();
			logger.info("Killed under load: " + missing + " of " + acked.size()
					+ " registration(s) acknowledged by B missing on A");
			assertThat(onA).isNotEmpty();
		}
	}

	private static String registerWithFailover(List<DiscoveryHttp> targets, int home, String hostname) {
		for (int attempt = 0; attempt < targets.size(); attempt++) {
			int index = (home + attempt) % targets.size();
			try {
				if (targets.get(index).register(APP, ZONE, hostname).path("code").asInt() == 0) {
					return List.of("A", "B", "C").get(index);
				}
			}
			catch (RuntimeException ex) {
				// transport error: next node
			}
		}
		throw new IllegalStateException("No node accepted " + hostname);
	}

	private static void renewWithFailover(List<DiscoveryHttp> targets, int home, String hostname) {
		for (int attempt = 0; attempt < targets.size(); attempt++) {
			DiscoveryHttp target = targets.get((home + attempt) % targets.size());
			try {
				if (target.renew(APP, ZONE, hostname).path("code").asInt() == -404) {
					target.register(APP, ZONE, hostname);
				}
				return;
			}
			catch (RuntimeException ex) {
				// transport error: next node
			}
		}
	}

	private static String describe(DiscoveryHttp node) {
		try {
			JsonNode answer = node.fetch(APP);
			int code = answer.path("code").asInt();
			return (code == 0) ? "code 0, " + hostnames(answer).size() : "code " + code;
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof ConnectException) {
				return "refused";
			}
			return "error " + ex.getClass().getSimpleName();
		}
	}

	private static List<String> hostnames(JsonNode fetch) {
		List<String> hostnames = new ArrayList<>();
		for (JsonNode instance : fetch.path("data").path("instances").path(ZONE)) {
			hostnames.add(instance.path("hostname").asString());
		}
		return hostnames;
	}

}

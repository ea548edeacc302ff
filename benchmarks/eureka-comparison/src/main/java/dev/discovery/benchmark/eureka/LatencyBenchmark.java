package dev.discovery.benchmark.eureka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Propagation latency as a user sees it: a provider app starts or stops gracefully, and a
 * consumer app's {@code DiscoveryClient} and {@code @LoadBalanced} calls follow.
 */
final class LatencyBenchmark {

	static final String PROVIDER = "bench-provider";

	private static final String CONSUMER = "bench-consumer";

	private static final String PROVIDER_MAIN = "dev.discovery.benchmark.eureka.provider.BenchProviderApplication";

	private static final String CONSUMER_MAIN = "dev.discovery.benchmark.eureka.consumer.BenchConsumerApplication";

	// Two instances always running plus the one coming and going: round robin reaches all
	// three within four calls.
	private static final int LB_CALLS = 4;

	private final Workspace workspace;

	private final Registry registry;

	private final int serverPort;

	private final Duration timeout;

	private final int samples;

	private final Stats registered = new Stats();

	private final Stats addSeen = new Stats();

	private final Stats addCalled = new Stats();

	private final Stats removeDropped = new Stats();

	private final Stats removeSeen = new Stats();

	private final Stats removeCalled = new Stats();

	private int nextPort;

	LatencyBenchmark(Workspace workspace, Registry registry, int basePort, Duration timeout, int samples) {
		this.workspace = workspace;
		this.registry = registry;
		this.serverPort = basePort;
		this.nextPort = basePort + 10;
		this.timeout = timeout;
		this.samples = samples;
	}

	void run(Report report) {
		List<ChildJvm> apps = new ArrayList<>();
		ChildJvm server = this.registry.startServer(this.workspace, this.serverPort);
		try {
			Waits.awaitOk(this.registry.readyUrl(this.serverPort), Duration.ofMinutes(2));
			int consumerPort = this.serverPort + 1;
			apps.add(startApp(CONSUMER_MAIN, CONSUMER, consumerPort));
			int first = this.nextPort++;
			int second = this.nextPort++;
			apps.add(startApp(PROVIDER_MAIN, PROVIDER, first));
			apps.add(startApp(PROVIDER_MAIN, PROVIDER, second));
			Report.progress(this.registry.name() + ": waiting for the consumer to see the first two providers");
			boolean warm = Waits.until(() -> {
				List<String> seen = seen(consumerPort);
				List<String> called = called(consumerPort);
				return seen.contains(String.valueOf(first)) && seen.contains(String.valueOf(second))
						&& called.contains(String.valueOf(first)) && called.contains(String.valueOf(second));
			}, this.timeout.multipliedBy(2));
			if (!warm) {
				throw new IllegalStateException(this.registry.name() + ": the consumer never saw both providers");
			}
			for (int i = 0; i < this.samples; i++) {
				sample(consumerPort, this.nextPort++);
			}
		}
		finally {
			// Apps first, so that none of them logs a failed heartbeat to a stopped
			// server.
			apps.forEach(ChildJvm::close);
			server.close();
		}
		report.line("| " + this.registry.name() + " | provider process start → listed by the server | "
				+ this.registered.summary() + " |");
		report.line("| " + this.registry.name() + " | listed by the server → `DiscoveryClient.getInstances()` has it | "
				+ this.addSeen.summary() + " |");
		report.line("| " + this.registry.name() + " | listed by the server → a `@LoadBalanced` call reaches it | "
				+ this.addCalled.summary() + " |");
		report.line("| " + this.registry.name() + " | SIGTERM to the provider → server no longer lists it | "
				+ this.removeDropped.summary() + " |");
		report.line("| " + this.registry.name() + " | SIGTERM → `getInstances()` no longer has it | "
				+ this.removeSeen.summary() + " |");
		report.line("| " + this.registry.name() + " | SIGTERM → load-balanced calls stop failing or reaching it | "
				+ this.removeCalled.summary() + " |");
	}

	private void sample(int consumerPort, int port) {
		String id = String.valueOf(port);
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long listedAt = 0;
		long seenAt = 0;
		long calledAt = 0;
		try (ChildJvm provider = startApp(PROVIDER_MAIN, PROVIDER, port)) {
			while ((listedAt == 0 || seenAt == 0 || calledAt == 0) && System.nanoTime() < deadline) {
				if (listedAt == 0 && this.registry.serverLists(this.serverPort, PROVIDER, port)) {
					listedAt = System.nanoTime();
				}
				if (listedAt != 0 && seenAt == 0 && seen(consumerPort).contains(id)) {
					seenAt = System.nanoTime();
				}
				if (listedAt != 0 && calledAt == 0 && called(consumerPort).contains(id)) {
					calledAt = System.nanoTime();
				}
				Waits.pause(5);
			}
			record(this.registered, start, listedAt);
			record(this.addSeen, listedAt, seenAt);
			record(this.addCalled, listedAt, calledAt);
			Report.progress(this.registry.name() + " add " + port + ": listed after " + millis(start, listedAt)
					+ ", seen " + millis(listedAt, seenAt) + ", called " + millis(listedAt, calledAt) + " later");
			long stop = System.nanoTime();
			deadline = stop + this.timeout.toNanos();
			provider.terminate();
			long droppedAt = 0;
			long unseenAt = 0;
			long cleanAt = 0;
			while ((droppedAt == 0 || unseenAt == 0 || cleanAt == 0) && System.nanoTime() < deadline) {
				if (droppedAt == 0 && !this.registry.serverLists(this.serverPort, PROVIDER, port)) {
					droppedAt = System.nanoTime();
				}
				if (unseenAt == 0 && !seen(consumerPort).contains(id)) {
					unseenAt = System.nanoTime();
				}
				if (cleanAt == 0) {
					List<String> called = called(consumerPort);
					if (!called.isEmpty() && !called.contains(id) && !called.contains("err")) {
						cleanAt = System.nanoTime();
					}
				}
				Waits.pause(5);
			}
			record(this.removeDropped, stop, droppedAt);
			record(this.removeSeen, stop, unseenAt);
			record(this.removeCalled, stop, cleanAt);
			Report.progress(this.registry.name() + " stop " + port + ": dropped after " + millis(stop, droppedAt)
					+ ", unseen " + millis(stop, unseenAt) + ", calls clean " + millis(stop, cleanAt));
		}
	}

	private ChildJvm startApp(String mainClass, String appid, int port) {
		return ChildJvm.start(appid + "-" + port, this.workspace.logs(),
				List.of("-cp", this.registry.clientClasspath(this.workspace), mainClass),
				this.registry.clientArgs(this.serverPort, appid, port));
	}

	private static List<String> seen(int consumerPort) {
		return tokens(Http.get("http://127.0.0.1:" + consumerPort + "/seen?app=" + PROVIDER, "text/plain"));
	}

	private static List<String> called(int consumerPort) {
		return tokens(Http.get("http://127.0.0.1:" + consumerPort + "/lb?app=" + PROVIDER + "&calls=" + LB_CALLS,
				"text/plain"));
	}

	private static List<String> tokens(Http.Answer answer) {
		return answer.ok() ? Arrays.asList(answer.body().split(",")) : List.of();
	}

	private static void record(Stats stats, long from, long to) {
		if (from != 0 && to != 0) {
			stats.add(to - from);
		}
		else {
			stats.timeout();
		}
	}

	private static String millis(long from, long to) {
		return (from != 0 && to != 0) ? Stats.format((to - from) / 1_000_000.0) : "(timed out)";
	}

}

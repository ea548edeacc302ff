package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three nodes at scale (issue 10 goal 5): 100,000 instances in 1,000 apps registered on
 * one node, 10,000 polls parked across the nodes, then the replication lag under the
 * steady renew load of 100,000 instances renewing every 30 s (3,333 renews/s spread over
 * the nodes), a burst of 20,000 registrations (until every node has them), and a
 * restarted node's start-up sync of the whole registry (time, peak RSS).
 */
final class ClusterScaleBenchmark {

	private static final int APPS = 1_000;

	private static final int INSTANCES = 100_000;

	private static final int POLLS = 10_000;

	private static final int RENEWS_PER_SECOND = INSTANCES / 30;

	private static final int BURST = 20_000;

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern VALUE = Pattern.compile("\"value\":([\\d.E]+)");

	private static final Pattern KB = Pattern.compile("(\\d+) kB");

	private final Workspace workspace;

	private final int[] ports;

	private final int lagSamples;

	private final int renewSeconds;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	ClusterScaleBenchmark(Workspace workspace, int port) {
		this.workspace = workspace;
		this.ports = new int[] { port, port + 1, port + 2 };
		this.lagSamples = Integer.getInteger("benchmark.cluster.lag.samples", 300);
		this.renewSeconds = Integer.getInteger("benchmark.cluster.renew.seconds", 30);
	}

	void run(Report report) {
		String nodes = "--discovery.server.nodes="
				+ String.join(",", Arrays.stream(this.ports).mapToObj((p) -> "127.0.0.1:" + p).toList());
		List<ChildJvm> servers = new ArrayList<>();
		try {
			for (int port : this.ports) {
				servers.add(Stacks.discovery(this.workspace, port, nodes));
			}
			Path script = WriteBenchmark.script(this.workspace);
			report.line("| what | figure |");
			report.line("|---|---|");
			long start = System.nanoTime();
			Wrk.Result load = WriteBenchmark.writes(script, this.ports[0], "register", "scale", APPS, INSTANCES / 2, 0);
			long registered = instances(this.ports[0]);
			awaitEveryNode(registered);
			report.line(String.format(Locale.ROOT,
					"| %,d instances in %,d apps registered on node A (wrk, 64 connections) | %s; on all three nodes after %s |",
					registered, APPS, WriteBenchmark.describe(load), seconds(System.nanoTime() - start)));
			List<BurstDriver> drivers = parkPolls();
			try {
				report.line(String.format(Locale.ROOT, "| polls parked (A, B, C) | %,d, %,d, %,d |",
						Stacks.parkedPolls(this.ports[0]), Stacks.parkedPolls(this.ports[1]),
						Stacks.parkedPolls(this.ports[2])));
				lagUnderRenews(report);
				burst(report);
			}
			finally {
				drivers.forEach(BurstDriver::close);
			}
			restart(report, servers, nodes);
			report.line(String.format(Locale.ROOT, "| peak RSS (VmHWM) of A, B, C after the run | %s |",
					String.join(", ", servers.stream().map((s) -> mb(status(s.pid(), "VmHWM"))).toList())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			servers.forEach(ChildJvm::close);
		}
	}

	/**
	 * Ten polls per app, spread over the nodes, each parked with its app's latest
	 * timestamp on that node.
	 */
	private List<BurstDriver> parkPolls() {
		List<BurstDriver> drivers = new ArrayList<>();
		int perNode = POLLS / this.ports.length;
		int expected = 0;
		for (int node = 0; node < this.ports.length; node++) {
			int port = this.ports[node];
			int count = (node == this.ports.length - 1) ? POLLS - perNode * node : perNode;
			int first = node * perNode;
			long[] latest = new long[APPS];
			for (int app = 0; app < APPS; app++) {
				latest[app] = Stacks.latestTimestamp(port, "scale-" + app);
			}
			BurstDriver driver = new BurstDriver(port, count);
			drivers.add(driver);
			driver.send(count, (n) -> {
				int app = (first + n) % APPS;
				return "GET /discovery/polls?appid=scale-" + app + "&env=" + Stacks.ENV + "&hostname=c" + (first + n)
						+ "&latest_timestamp=" + latest[app] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
			});
			expected += count;
		}
		int target = expected;
		Waits.until(() -> parkedEverywhere() >= target, TIMEOUT);
		return drivers;
	}

	private int parkedEverywhere() {
		return Arrays.stream(this.ports).map(Stacks::parkedPolls).sum();
	}

	/**
	 * Renews every instance once per 30 s, round robin over the nodes, while a probe app
	 * changes on node A and long polls on B and C measure when the change arrives there.
	 */
	private void lagUnderRenews(Report report) {
		register(this.ports[0], "lag.probe", "l0");
		Waits.until(() -> Stacks.latestTimestamp(this.ports[1], "lag.probe") > 0
				&& Stacks.latestTimestamp(this.ports[2], "lag.probe") > 0, TIMEOUT);
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		Semaphore inFlight = new Semaphore(512);
		AtomicLong sent = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong skipped = new AtomicLong();
		int perTick = RENEWS_PER_SECOND / 100;
		pacer.scheduleAtFixedRate(() -> {
			for (int i = 0; i < perTick; i++) {
				if (!inFlight.tryAcquire()) {
					skipped.incrementAndGet();
					continue;
				}
				long n = sent.getAndIncrement();
				int k = (int) (n % (INSTANCES / 2)) + 1;
				int thread = (int) ((n / (INSTANCES / 2)) % 2);
				String form = "zone=" + Stacks.ZONE + "&env=" + Stacks.ENV + "&appid=scale-" + (k % APPS)
						+ "&hostname=t" + thread + "-" + k;
				post(this.ports[(int) (n % this.ports.length)], "/discovery/renew", form).whenComplete((body, ex) -> {
					inFlight.release();
					if (ex != null || !body.contains("\"code\":0")) {
						failed.incrementAndGet();
					}
				});
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		long started = System.nanoTime();
		long[] lags = new long[this.lagSamples];
		long deadline = started + Duration.ofSeconds(this.renewSeconds).toNanos();
		int samples = 0;
		try {
			while (samples < lags.length && System.nanoTime() < deadline) {
				long latestB = Stacks.latestTimestamp(this.ports[1], "lag.probe");
				long latestC = Stacks.latestTimestamp(this.ports[2], "lag.probe");
				CompletableFuture<String> onB = poll(this.ports[1], latestB);
				CompletableFuture<String> onC = poll(this.ports[2], latestC);
				Waits.pause(20);
				long before = System.nanoTime();
				register(this.ports[0], "lag.probe", "l" + (samples + 1));
				CompletableFuture.allOf(onB, onC).join();
				lags[samples++] = System.nanoTime() - before;
			}
			while (System.nanoTime() < deadline) {
				Waits.pause(100);
			}
		}
		finally {
			pacer.shutdownNow();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		long[] sorted = Arrays.copyOf(lags, samples);
		Arrays.sort(sorted);
		report.line(String.format(Locale.ROOT,
				"| steady renews (target %,d/s, round robin over A, B, C) | %,.0f/s sent for %.0f s, %d failed, %d skipped (512 in flight) |",
				RENEWS_PER_SECOND, sent.get() / elapsed, elapsed, failed.get(), skipped.get()));
		report.line(String.format(Locale.ROOT,
				"| replication lag under that load: register on A → parked polls on B and C both answered (%d samples) | p50 %s, p99 %s, max %s |",
				samples, millis(at(sorted, 50)), millis(at(sorted, 99)), millis(at(sorted, 100))));
		report.line(String.format(Locale.ROOT, "| replication queue depth right after (A → B, A → C), dropped | %s |",
				replicationFigures(this.ports[0])));
	}

	/**
	 * 20,000 registrations of new instances in 200 new apps on node A, as fast as wrk
	 * sends them, until every node lists them.
	 */
	private void burst(Report report) {
		try {
			long before = instances(this.ports[0]);
			Path script = WriteBenchmark.script(this.workspace);
			long start = System.nanoTime();
			Wrk.Result result = WriteBenchmark.writes(script, this.ports[0], "register", "burst", 200, BURST / 2, 0);
			long acked = System.nanoTime();
			long expected = instances(this.ports[0]);
			awaitEveryNode(expected);
			long everywhere = System.nanoTime();
			report.line(String.format(Locale.ROOT,
					"| burst of %,d registrations on A (200 new apps) | %s; acknowledged in %s, on every node %s after the first |",
					expected - before, WriteBenchmark.describe(result), seconds(acked - start),
					seconds(everywhere - start)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops node C and starts it again empty: its start-up sync copies the whole
	 * registry.
	 */
	private void restart(Report report, List<ChildJvm> servers, String nodes) {
		long expected = instances(this.ports[0]);
		servers.remove(2).close();
		long start = System.nanoTime();
		ChildJvm restarted = Stacks.discovery(this.workspace, this.ports[2], nodes);
		servers.add(restarted);
		long serving = System.nanoTime();
		Waits.until(() -> instances(this.ports[2]) >= expected, TIMEOUT);
		long synced = System.nanoTime();
		report.line(String.format(Locale.ROOT,
				"| node C restarted empty: JVM start → reads served / → all %,d instances | %s / %s, peak RSS %s (heap after GC %s) |",
				expected, seconds(serving - start), seconds(synced - start), mb(status(restarted.pid(), "VmHWM")),
				mb(MemoryBenchmark.heapAfterFullGc(restarted.pid()) / 1024)));
	}

	private void awaitEveryNode(long count) {
		if (!Waits.until(() -> Arrays.stream(this.ports).allMatch((p) -> instances(p) >= count), TIMEOUT)) {
			throw new IllegalStateException("Not every node has " + count + " instances: "
					+ Arrays.stream(this.ports).mapToObj((p) -> String.valueOf(instances(p))).toList());
		}
	}

	private static long instances(int port) {
		return (long) metric(port, "discovery.registry.instances");
	}

	private static double metric(int port, String name) {
		Matcher matcher = VALUE
			.matcher(Http.get("http://127.0.0.1:" + port + "/actuator/metrics/" + name, "application/json").body());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
	}

	private static String replicationFigures(int port) {
		return String.format(Locale.ROOT, "%.0f queued, %.0f dropped", metric(port, "discovery.replication.queue"),
				metric(port, "discovery.replication.dropped"));
	}

	private static void register(int port, String appid, String hostname) {
		String form = "zone=" + Stacks.ZONE + "&env=" + Stacks.ENV + "&appid=" + appid + "&hostname=" + hostname
				+ "&status=1&addrs=http://127.0.0.1:8080";
		Http.Answer answer = Http.post("http://127.0.0.1:" + port + "/discovery/register",
				"application/x-www-form-urlencoded", form);
		if (!answer.body().contains("\"code\":0")) {
			throw new IllegalStateException("register " + hostname + " on " + port + ": " + answer.body());
		}
	}

	private CompletableFuture<String> poll(int port, long latest) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/discovery/polls?appid=lag.probe&env=" + Stacks.ENV
					+ "&hostname=lag&latest_timestamp=" + latest))
			.timeout(Duration.ofSeconds(40))
			.build();
		return this.http.sendAsync(request, BodyHandlers.ofString()).thenApply((r) -> r.body());
	}

	private CompletableFuture<String> post(int port, String path, String form) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.ofString(form))
			.build();
		return this.http.sendAsync(request, BodyHandlers.ofString()).thenApply((r) -> r.body());
	}

	/** A {@code /proc/<pid>/status} figure in kB. */
	private static long status(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith(field + ":")) {
					Matcher matcher = KB.matcher(line);
					return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static long at(long[] sorted, int percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	private static String mb(long kb) {
		return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
	}

}

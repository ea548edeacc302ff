package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * N long polls parked on one app, woken by one register, against N fetches of the same
 * answer sent at once over the same N connections (issue 10 goal 3), compressed and not;
 * the stack's limit does the same with a fixed body (parked requests released at once).
 * Then the register-to-answer latency with 10,000 polls on a one-instance app, and the
 * CPU the server spends on 10,000 idle parked polls.
 */
final class WakeUpBenchmark {

	private static final String APP = CompressionBenchmark.APP;

	private static final String SMALL = "bench.one";

	private static final List<Integer> COUNTS = List.of(1_000, 10_000, 15_000);

	private static final Duration TIMEOUT = Duration.ofSeconds(25);

	private final Workspace workspace;

	private final int port;

	private final int limitPort;

	WakeUpBenchmark(Workspace workspace, int port, int limitPort) {
		this.workspace = workspace;
		this.port = port;
		this.limitPort = limitPort;
	}

	void run(Report report) {
		report.line(
				"| server | N | coding | N fetches at once: last answer | N parked polls woken: last answer (p50, p99) | ratio |");
		report.line("|---|---|---|---|---|---|");
		byte[] body;
		int max = COUNTS.get(COUNTS.size() - 1);
		try (ChildJvm server = Stacks.discovery(this.workspace, this.port);
				BurstDriver driver = connect(this.port, max)) {
			CompressionBenchmark.registerApp(this.port, APP, CompressionBenchmark.INSTANCES);
			CompressionBenchmark.registerApp(this.port, SMALL, 1);
			body = Stacks.fetchBody(this.port, APP);
			int[] trigger = { 0 };
			for (int count : COUNTS) {
				for (boolean gzip : List.of(false, true)) {
					String coding = header(gzip);
					IntFunction<String> fetch = (n) -> get(Stacks.fetchPath(APP), coding);
					driver.fetchBurst(count, fetch, TIMEOUT);
					BurstDriver.Burst fetches = driver.fetchBurst(count, fetch, TIMEOUT);
					long latest = Stacks.latestTimestamp(this.port, APP);
					driver.send(count, (n) -> get(pollsPath(APP, n, latest), coding));
					awaitParked(() -> Stacks.parkedPolls(this.port), count);
					long start = System.nanoTime();
					// Re-registering an instance changes the app without growing it.
					new DiscoveryRegistry().register(this.port, APP, trigger[0]++ % CompressionBenchmark.INSTANCES);
					BurstDriver.Burst polls = driver.await(count, start, TIMEOUT);
					line(report, "discovery", count, gzip, fetches, polls);
				}
			}
			latencyOnSmallApp(report, driver, 10_000);
			idleCpu(report, server, driver, 10_000);
		}
		try (ChildJvm limit = Stacks.limit(this.workspace, this.limitPort, body);
				BurstDriver driver = connect(this.limitPort, max)) {
			for (int count : COUNTS) {
				for (boolean gzip : List.of(false, true)) {
					String coding = header(gzip);
					driver.fetchBurst(count, (n) -> get("/fetch", coding), TIMEOUT);
					BurstDriver.Burst fetches = driver.fetchBurst(count, (n) -> get("/fetch", coding), TIMEOUT);
					driver.send(count, (n) -> get("/park", coding));
					awaitParked(() -> Stacks.parkedRequests(this.limitPort), count);
					long start = System.nanoTime();
					Http.post("http://127.0.0.1:" + this.limitPort + "/release", "text/plain", "");
					BurstDriver.Burst released = driver.await(count, start, TIMEOUT);
					line(report, "limit (Reactor Netty, fixed body)", count, gzip, fetches, released);
				}
			}
		}
	}

	private void latencyOnSmallApp(Report report, BurstDriver driver, int count) {
		long latest = Stacks.latestTimestamp(this.port, SMALL);
		driver.send(count, (n) -> get(pollsPath(SMALL, n, latest), ""));
		awaitParked(() -> Stacks.parkedPolls(this.port), count);
		long start = System.nanoTime();
		new DiscoveryRegistry().register(this.port, SMALL, 0);
		BurstDriver.Burst polls = driver.await(count, start, TIMEOUT);
		report.line("");
		report.line(String.format(Locale.ROOT,
				"register → parked poll with %,d polls on a one-instance app (%,d bytes per answer): p50 %s, p99 %s, last %s, %,d of %,d answered",
				count, polls.bodyBytesPerAnswer(), millis(polls.percentile(50)), millis(polls.percentile(99)),
				millis(polls.last()), polls.answered(), count));
	}

	private void idleCpu(Report report, ChildJvm server, BurstDriver driver, int count) {
		long latest = Stacks.latestTimestamp(this.port, SMALL);
		driver.send(count, (n) -> get(pollsPath(SMALL, n, latest), ""));
		awaitParked(() -> Stacks.parkedPolls(this.port), count);
		Waits.pause(2_000);
		long before = cpuTicks(server.pid());
		Waits.pause(10_000);
		long ticks = cpuTicks(server.pid()) - before;
		report.line(String.format(Locale.ROOT,
				"%n%,d idle parked polls: the server used %d ms of CPU in 10 s (%.2f %% of one core; the JVM's own threads included)",
				count, ticks * 10, ticks * 10 / 100.0));
		long start = System.nanoTime();
		new DiscoveryRegistry().register(this.port, SMALL, 0);
		driver.await(count, start, TIMEOUT);
	}

	private static BurstDriver connect(int port, int count) {
		return new BurstDriver(port, count);
	}

	private static void awaitParked(IntSupplier parked, int count) {
		if (!Waits.until(() -> parked.getAsInt() >= count, TIMEOUT)) {
			throw new IllegalStateException("Only " + parked.getAsInt() + " of " + count + " requests parked");
		}
	}

	private static String pollsPath(String appid, int n, long latest) {
		return "/discovery/polls?appid=" + appid + "&env=" + Stacks.ENV + "&hostname=c" + n + "&latest_timestamp="
				+ latest;
	}

	private static String header(boolean gzip) {
		return gzip ? "Accept-Encoding: gzip\r\n" : "";
	}

	private static String get(String path, String headers) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
	}

	/** utime + stime of a process in clock ticks (10 ms each on Linux). */
	private static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void line(Report report, String name, int count, boolean gzip, BurstDriver.Burst fetches,
			BurstDriver.Burst polls) {
		double ratio = (double) polls.last().toNanos() / Math.max(1, fetches.last().toNanos());
		report.line(String.format(Locale.ROOT, "| %s | %,d | %s, %,d bytes | %s%s | %s (%s, %s)%s | %.2f |", name,
				count, gzip ? "gzip" : "plain", polls.bodyBytesPerAnswer(), millis(fetches.last()), missing(fetches),
				millis(polls.last()), millis(polls.percentile(50)), millis(polls.percentile(99)), missing(polls),
				ratio));
	}

	private static String missing(BurstDriver.Burst burst) {
		return (burst.answered() < burst.requested())
				? String.format(Locale.ROOT, ", only %,d answered", burst.answered()) : "";
	}

	private static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
	}

}

package dev.discovery.benchmark.eureka;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory per parked poll and per instance (issue 10 goal 4): heap after a full GC, native
 * memory as the JVM tracks it (NMT: "Other" holds direct buffers) and RSS, before and
 * after parking 10,000 polls and registering 20,000 instances in one app; the figures
 * extrapolate to 100,000 polls.
 */
final class PollMemoryBenchmark {

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern NMT_OTHER = Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB");

	private static final int POLLS = 10_000;

	private static final int INSTANCES = 20_000;

	private final Workspace workspace;

	private final int port;

	PollMemoryBenchmark(Workspace workspace, int port) {
		this.workspace = workspace;
		this.port = port;
	}

	void run(Report report) {
		report.line("| what | heap after GC | NMT committed (of it \"Other\": direct buffers) | RSS |");
		report.line("|---|---|---|---|");
		try (ChildJvm server = Stacks.discovery(this.workspace, this.port)) {
			CompressionBenchmark.registerApp(this.port, CompressionBenchmark.APP, CompressionBenchmark.INSTANCES);
			Stacks.fetchBody(this.port, CompressionBenchmark.APP);
			Waits.pause(2_000);
			Figures none = Figures.of(server.pid());
			line(report, "server with one 100-instance app", none, null, 0);
			try (BurstDriver driver = new BurstDriver(this.port, POLLS)) {
				// One fetch per connection first, so that every connection's buffers
				// exist before the next figure.
				driver.fetchBurst(POLLS, (n) -> get(Stacks.fetchPath(CompressionBenchmark.APP)),
						Duration.ofSeconds(30));
				Waits.pause(2_000);
				Figures connected = Figures.of(server.pid());
				long latest = Stacks.latestTimestamp(this.port, CompressionBenchmark.APP);
				driver.send(POLLS, (n) -> get("/discovery/polls?appid=" + CompressionBenchmark.APP + "&env="
						+ Stacks.ENV + "&hostname=c" + n + "&latest_timestamp=" + latest));
				if (!Waits.until(() -> Stacks.parkedPolls(this.port) >= POLLS, Duration.ofSeconds(30))) {
					throw new IllegalStateException("polls were not parked");
				}
				Figures parked = Figures.of(server.pid());
				line(report, String.format(Locale.ROOT, "+ %,d idle keep-alive connections", POLLS), connected, none,
						POLLS);
				line(report, "+ a parked poll on each", parked, connected, POLLS);
				Figures.Delta each = parked.minus(none, POLLS);
				report.line(String.format(Locale.ROOT,
						"| 100,000 parked polls (extrapolated: connection + poll) | +%.0f MB | +%.0f MB | +%.0f MB |",
						each.heap() * 100_000 / 1e6, each.nmt() * 100_000 / 1e6, each.rss() * 100_000 / 1e6));
				long start = System.nanoTime();
				new DiscoveryRegistry().register(this.port, CompressionBenchmark.APP, 0);
				driver.await(POLLS, start, Duration.ofSeconds(30));
			}
		}
		try (ChildJvm server = Stacks.discovery(this.workspace, this.port + 1)) {
			Waits.pause(2_000);
			Figures empty = Figures.of(server.pid());
			CompressionBenchmark.registerApp(this.port + 1, "bench.big", INSTANCES);
			Stacks.fetchBody(this.port + 1, "bench.big");
			Figures full = Figures.of(server.pid());
			line(report, String.format(Locale.ROOT, "%,d instances in one app, after one fetch", INSTANCES), full,
					empty, INSTANCES);
		}
	}

	private static String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	}

	private static void line(Report report, String what, Figures figures, Figures base, int count) {
		String per = "";
		if (base != null) {
			Figures.Delta delta = figures.minus(base, count);
			per = String.format(Locale.ROOT, " (+%,.0f B each)", delta.heap());
			report.line(String.format(Locale.ROOT,
					"| %s | %.1f MB%s | %.1f MB (%.1f MB), +%,.0f B each | %.0f MB, +%,.0f B each |", what,
					figures.heap / 1e6, per, figures.nmt / 1e6, figures.other / 1e6, delta.nmt(), figures.rss / 1e6,
					delta.rss()));
			return;
		}
		report.line(String.format(Locale.ROOT, "| %s | %.1f MB | %.1f MB (%.1f MB) | %.0f MB |", what,
				figures.heap / 1e6, figures.nmt / 1e6, figures.other / 1e6, figures.rss / 1e6));
	}

	/**
	 * One measurement of a process.
	 */
	private record Figures(long heap, long nmt, long other, long rss) {

		static Figures of(long pid) {
			long heap = MemoryBenchmark.heapAfterFullGc(pid);
			String nmt = MemoryBenchmark.jcmd(pid, "VM.native_memory summary");
			return new Figures(heap, kb(NMT_TOTAL, nmt), kb(NMT_OTHER, nmt), MemoryBenchmark.rss(pid));
		}

		Delta minus(Figures base, int count) {
			return new Delta((double) (this.heap - base.heap) / count, (double) (this.nmt - base.nmt) / count,
					(double) (this.rss - base.rss) / count);
		}

		private static long kb(Pattern pattern, String text) {
			Matcher matcher = pattern.matcher(text);
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
		}

		/**
		 * Bytes per item.
		 */
		record Delta(double heap, double nmt, double rss) {

		}

	}

}

package dev.discovery.benchmark.eureka;

import java.util.List;
import java.util.Locale;

/**
 * Fetch of a 100-instance app with and without {@code Accept-Encoding: gzip} (issue 10
 * goal 2), next to the stack's limit answering the same bytes from memory.
 */
final class CompressionBenchmark {

	static final String APP = "bench.app";

	static final int INSTANCES = 100;

	private final Workspace workspace;

	private final int port;

	private final int limitPort;

	private final int seconds;

	CompressionBenchmark(Workspace workspace, int port, int limitPort, int seconds) {
		this.workspace = workspace;
		this.port = port;
		this.limitPort = limitPort;
		this.seconds = seconds;
	}

	void run(Report report) {
		report.line("| server | fetch of a " + INSTANCES + "-instance app | plain | gzip |");
		report.line("|---|---|---|---|");
		byte[] body;
		try (ChildJvm server = Stacks.discovery(this.workspace, this.port)) {
			registerApp(this.port, APP, INSTANCES);
			body = Stacks.fetchBody(this.port, APP);
			line(report, "discovery", "http://127.0.0.1:" + this.port + Stacks.fetchPath(APP), body);
		}
		try (ChildJvm limit = Stacks.limit(this.workspace, this.limitPort, body)) {
			line(report, "limit (Reactor Netty, fixed body)", "http://127.0.0.1:" + this.limitPort + "/fetch", body);
		}
	}

	static void registerApp(int port, String appid, int instances) {
		DiscoveryRegistry registry = new DiscoveryRegistry();
		for (int n = 0; n < instances; n++) {
			if (!registry.register(port, appid, n)) {
				throw new IllegalStateException("register " + n + " of " + appid + " failed");
			}
		}
	}

	private void line(Report report, String name, String url, byte[] body) {
		List<String> gzip = List.of("-H", "Accept-Encoding: gzip");
		Wrk.run(url, 5, List.of());
		Wrk.run(url, 5, gzip);
		Wrk.Result plain = Wrk.run(url, this.seconds, List.of());
		Wrk.Result compressed = Wrk.run(url, this.seconds, gzip);
		report.line(String.format(Locale.ROOT, "| %s | %,d bytes / %,d gzip | %s | %s |", name, body.length,
				Compression.gzip(body).length, figure(plain), figure(compressed)));
		Report.progress(plain.command());
		Report.progress(compressed.command());
	}

	private static String figure(Wrk.Result result) {
		return String.format(Locale.ROOT, "%,.0f/s (mean %s)%s", result.rate(), result.meanLatency(),
				(result.non2xx() > 0) ? ", " + result.non2xx() + " non-2xx" : "");
	}

}

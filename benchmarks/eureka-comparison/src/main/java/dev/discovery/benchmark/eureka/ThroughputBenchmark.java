package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Server throughput under wrk for the two calls every client repeats: the heartbeat and
 * the fetch of one app's instances (100 instances).
 */
final class ThroughputBenchmark {

	private static final String APP = "bench.app";

	private static final int INSTANCES = 100;

	private final Workspace workspace;

	private final Registry registry;

	private final int port;

	private final int seconds;

	ThroughputBenchmark(Workspace workspace, Registry registry, int port, int seconds) {
		this.workspace = workspace;
		this.registry = registry;
		this.port = port;
		this.seconds = seconds;
	}

	void run(Report report) {
		try (ChildJvm server = this.registry.startServer(this.workspace, this.port)) {
			Waits.awaitOk(this.registry.readyUrl(this.port), Duration.ofMinutes(2));
			for (int n = 0; n < INSTANCES; n++) {
				if (!this.registry.register(this.port, APP, n)) {
					throw new IllegalStateException(this.registry.name() + ": register " + n + " failed");
				}
			}
			String fetchUrl = "http://127.0.0.1:" + this.port + this.registry.fetchPath(APP);
			Http.Answer one = Http.get(fetchUrl, this.registry.fetchAccept());
			List<String> accept = List.of("-H", "Accept: " + this.registry.fetchAccept());
			Path script = renewScript();
			List<String> renew = List.of("-s", script.toString());
			String base = "http://127.0.0.1:" + this.port;
			// Warm-up runs (JIT, connection pools), not reported.
			Wrk.run(fetchUrl, 5, accept);
			Wrk.run(base, 5, renew);
			line(report, "fetch one app (100 instances, " + one.body().length() / 1024 + " KB JSON)",
					Wrk.run(fetchUrl, this.seconds, accept));
			line(report, "heartbeat / renew (100 instances in turn)", Wrk.run(base, this.seconds, renew));
		}
	}

	private Path renewScript() {
		try {
			Path script = this.workspace.file("wrk-renew-" + this.port + ".lua");
			Files.writeString(script, this.registry.renewScript(APP));
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void line(Report report, String what, Wrk.Result result) {
		report.line(String.format(Locale.ROOT, "| %s | %s | %,.0f requests/s, mean latency %s%s |",
				this.registry.name(), what, result.rate(), result.meanLatency(),
				(result.non2xx() > 0) ? ", " + result.non2xx() + " non-2xx answers" : ""));
		Report.progress(result.command());
	}

}

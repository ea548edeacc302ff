package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server heap after a full GC and process RSS, empty and with 1,000 and 10,000 instances
 * registered over the REST API (100 instances per app).
 */
final class MemoryBenchmark {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final int PER_APP = 100;

	private final Workspace workspace;

	private final Registry registry;

	private final int port;

	MemoryBenchmark(Workspace workspace, Registry registry, int port) {
		this.workspace = workspace;
		this.registry = registry;
		this.port = port;
	}

	void run(Report report) {
		try (ChildJvm server = this.registry.startServer(this.workspace, this.port)) {
			Waits.awaitOk(this.registry.readyUrl(this.port), Duration.ofMinutes(2));
			Waits.pause(10_000);
			long emptyHeap = heapAfterFullGc(server.pid());
			line(report, "empty", emptyHeap, emptyHeap, rss(server.pid()), 0);
			registerApps(0, 10);
			line(report, "1,000 instances", heapAfterFullGc(server.pid()), emptyHeap, rss(server.pid()), 1000);
			registerApps(10, 100);
			line(report, "10,000 instances", heapAfterFullGc(server.pid()), emptyHeap, rss(server.pid()), 10_000);
		}
	}

	private void registerApps(int fromApp, int toApp) {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int app = fromApp; app < toApp; app++) {
				String appid = "bench.mem" + app;
				for (int n = 0; n < PER_APP; n++) {
					int instance = n;
					results.add(pool.submit(() -> this.registry.register(this.port, appid, instance)));
				}
			}
			for (Future<Boolean> result : results) {
				if (!result.get()) {
					throw new IllegalStateException(this.registry.name() + ": a register failed");
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdown();
		}
	}

	static long heapAfterFullGc(long pid) {
		jcmd(pid, "GC.run");
		jcmd(pid, "GC.run");
		Matcher matcher = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
		if (!matcher.find()) {
			throw new IllegalStateException("No heap figure from jcmd " + pid);
		}
		return Long.parseLong(matcher.group(1)) * 1024;
	}

	static long rss(long pid) {
		try {
			Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String jcmd(long pid, String command) {
		try {
			Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void line(Report report, String what, long heap, long emptyHeap, long rss, int instances) {
		String perInstance = (instances > 0)
				? String.format(Locale.ROOT, " (%,d bytes per instance over empty)", (heap - emptyHeap) / instances)
				: "";
		report.line(String.format(Locale.ROOT, "| %s | %s | heap %.1f MB%s, RSS %.0f MB |", this.registry.name(), what,
				heap / 1e6, perInstance, rss / 1e6));
	}

}

package dev.discovery.benchmark.eureka;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the comparison with Netflix Eureka: {@code latency}, {@code throughput} and
 * {@code memory} (all three without arguments), each stack in its own child JVMs on
 * loopback ports; results go to target/eureka-comparison.md.
 */
public final class EurekaComparison {

	private EurekaComparison() {
	}

	public static void main(String[] args) throws Exception {
		Workspace workspace = new Workspace(target());
		Path results = workspace.file("eureka-comparison.md");
		Files.deleteIfExists(results);
		Report report = new Report(results);
		run(workspace, report, (args.length > 0) ? List.of(args) : List.of("latency", "throughput", "memory"));
	}

	/**
	 * Runs the listed parts ({@code latency}, {@code throughput}, {@code memory}).
	 */
	static void run(Workspace workspace, Report report, List<String> parts) {
		int samples = Integer.getInteger("benchmark.samples", 10);
		int defaultSamples = Integer.getInteger("benchmark.samples.eureka-defaults", 3);
		int seconds = Integer.getInteger("benchmark.seconds", 15);
		Registry discovery = new DiscoveryRegistry();
		Registry tuned = new EurekaRegistry(true);
		Registry defaults = new EurekaRegistry(false);
		if (parts.contains("latency")) {
			report.line("| stack | what | figure |");
			report.line("|---|---|---|");
			new LatencyBenchmark(workspace, discovery, 17300, Duration.ofSeconds(60), samples).run(report);
			new LatencyBenchmark(workspace, tuned, 17400, Duration.ofSeconds(60), samples).run(report);
			new LatencyBenchmark(workspace, defaults, 17500, Duration.ofSeconds(240), defaultSamples).run(report);
		}
		if (parts.contains("throughput")) {
			report.line("| server | what | figure |");
			report.line("|---|---|---|");
			new ThroughputBenchmark(workspace, discovery, 17601, seconds).run(report);
			new ThroughputBenchmark(workspace, defaults, 17602, seconds).run(report);
			new ThroughputBenchmark(workspace, tuned, 17603, seconds).run(report);
		}
		if (parts.contains("memory")) {
			report.line("| server | registered | after a full GC |");
			report.line("|---|---|---|");
			new MemoryBenchmark(workspace, discovery, 17701).run(report);
			new MemoryBenchmark(workspace, defaults, 17702).run(report);
		}
	}

	// target/classes is where this class was loaded from.
	static Path target() throws URISyntaxException {
		return Path.of(EurekaComparison.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
	}

}

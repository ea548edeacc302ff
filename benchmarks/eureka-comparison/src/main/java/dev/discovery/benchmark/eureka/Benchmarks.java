package dev.discovery.benchmark.eureka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every benchmark in one run (docs/benchmarks.md): the scale benchmarks of this server
 * next to the stack's limit ({@code writes}, {@code compression}, {@code wakeups},
 * {@code memory}, {@code cluster}) and the comparison with Netflix Eureka
 * ({@code latency}, {@code throughput}, {@code eureka-memory}); all parts without
 * arguments. Results go to target/benchmarks.md.
 */
public final class Benchmarks {

	private static final List<String> ALL = List.of("writes", "compression", "wakeups", "memory", "cluster",
			"throughput", "eureka-memory", "latency");

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Workspace workspace = new Workspace(EurekaComparison.target());
		Path results = workspace.file("benchmarks.md");
		Files.deleteIfExists(results);
		Report report = new Report(results);
		List<String> parts = (args.length > 0) ? List.of(args) : ALL;
		report.line("Run of " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors()
				+ " cores; load average before: " + loadAverage());
		int seconds = Integer.getInteger("benchmark.seconds", 15);
		for (String part : parts) {
			report.line("");
			report.line("### " + part + " (load average " + loadAverage() + ")");
			report.line("");
			switch (part) {
				case "writes" -> new WriteBenchmark(workspace, 17801).run(report);
				case "compression" -> new CompressionBenchmark(workspace, 17811, 17812, seconds).run(report);
				case "wakeups" -> new WakeUpBenchmark(workspace, 17821, 17822).run(report);
				case "memory" -> new PollMemoryBenchmark(workspace, 17831).run(report);
				case "cluster" -> new ClusterScaleBenchmark(workspace, 17841).run(report);
				case "throughput", "latency" -> EurekaComparison.run(workspace, report, List.of(part));
				case "eureka-memory" -> EurekaComparison.run(workspace, report, List.of("memory"));
				default -> throw new IllegalArgumentException("Unknown part " + part + "; parts: " + ALL);
			}
		}
		report.line("");
		report.line("Load average after: " + loadAverage());
	}

	private static String loadAverage() {
		try {
			List<String> fields = new ArrayList<>(List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")));
			return String.join(" ", fields.subList(0, 3));
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

}

package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's {@code wrk} package) for a bounded time against a loopback URL and
 * reads its summary.
 */
final class Wrk {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern LATENCY = Pattern.compile("Latency\\s+([\\d.]+\\w+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private Wrk() {
	}

	static Result run(String url, int seconds, List<String> extra) {
		return run(url, seconds, extra, List.of());
	}

	/**
	 * Runs wrk with arguments for its Lua script (after {@code --}).
	 */
	static Result run(String url, int seconds, List<String> extra, List<String> scriptArgs) {
		if (!url.startsWith("http://127.0.0.1:")) {
			throw new IllegalArgumentException("loopback only: " + url);
		}
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + seconds + "s"));
		command.addAll(extra);
		command.add(url);
		if (!scriptArgs.isEmpty()) {
			command.add("--");
			command.addAll(scriptArgs);
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return new Result(String.join(" ", command), number(RATE, output), text(LATENCY, output),
					(long) number(NON_2XX, output), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Is wrk installed (apt-get install wrk)?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double number(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static String text(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		return matcher.find() ? matcher.group(1) : "?";
	}

	/**
	 * Requests per second, mean latency, the count of answers that were not 2xx/3xx, and
	 * wrk's whole output (a script's own lines included).
	 */
	record Result(String command, double rate, String meanLatency, long non2xx, String output) {

		/**
		 * A number the script printed as {@code NAME <number>}, or -1.
		 */
		double scriptFigure(String name) {
			Matcher matcher = Pattern.compile("(?m)^" + name + " ([\\d.]+)$").matcher(this.output);
			return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
		}

	}

}

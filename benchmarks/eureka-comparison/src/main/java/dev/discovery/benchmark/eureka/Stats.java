package dev.discovery.benchmark.eureka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Durations of one measurement across samples, summarised as min / median / max.
 */
final class Stats {

	private final List<Double> millis = new ArrayList<>();

	private int timeouts;

	void add(long nanos) {
		this.millis.add(nanos / 1_000_000.0);
	}

	void timeout() {
		this.timeouts++;
	}

	String summary() {
		if (this.millis.isEmpty()) {
			return "no sample (" + this.timeouts + " timed out)";
		}
		List<Double> sorted = new ArrayList<>(this.millis);
		Collections.sort(sorted);
		String text = "median " + format(sorted.get((sorted.size() - 1) / 2)) + " (min " + format(sorted.get(0))
				+ ", max " + format(sorted.get(sorted.size() - 1)) + ", n=" + sorted.size() + ")";
		return (this.timeouts > 0) ? text + ", " + this.timeouts + " timed out" : text;
	}

	static String format(double millis) {
		if (millis >= 10_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000);
		}
		if (millis >= 1000) {
			return String.format(Locale.ROOT, "%.2f s", millis / 1000);
		}
		return String.format(Locale.ROOT, "%.0f ms", millis);
	}

}

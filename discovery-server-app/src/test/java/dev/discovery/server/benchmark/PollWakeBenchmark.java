package dev.discovery.server.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures register → parked-poll wake-up latency against a running server. Not part of
 * the normal build; see docs/benchmarks.md for the command.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PollWakeBenchmark {

	private static final Log logger = LogFactory.getLog(PollWakeBenchmark.class);

	private static final Pattern LATEST = Pattern.compile("\"latest_timestamp\":(\\d+)}}");

	private final String target = System.getProperty("benchmark.target", "127.0.0.1:7171");

	private final int polls = Integer.getInteger("benchmark.polls", 10_000);

	private final int rounds = Integer.getInteger("benchmark.rounds", 10);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final reactor.netty.http.client.HttpClient pollClient = reactor.netty.http.client.HttpClient
		.create(ConnectionProvider.builder("bench").maxConnections(this.polls + 16).pendingAcquireMaxCount(-1).build())
		.baseUrl("http://" + this.target)
		.responseTimeout(Duration.ofSeconds(90));

	@Test
	void wakeUpLatency() throws Exception {
		String appid = "bench.wake." + System.nanoTime();
		register(appid, "h0");
		long latest = latest(get("/discovery/fetch?appid=" + appid + "&env=dev&status=1"));
		List<Long> latencies = new ArrayList<>();
		for (int round = 1; round <= this.rounds; round++) {
			List<CompletableFuture<Long>> answers = park(appid, latest);
			Thread.sleep(Math.max(2000, this.polls / 2));
			long start = System.nanoTime();
			register(appid, "h" + round);
			CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			for (CompletableFuture<Long> answer : answers) {
				latencies.add(answer.get() - start);
			}
			latest = latest(get("/discovery/fetch?appid=" + appid + "&env=dev&status=1"));
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		logger.info(String.format("polls=%d rounds=%d wake-ups=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", this.polls,
				this.rounds, sorted.length, millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 1.0)));
		assertThat(sorted).hasSize(this.polls * this.rounds);
	}

	private List<CompletableFuture<Long>> park(String appid, long latest) {
		List<CompletableFuture<Long>> answers = new ArrayList<>(this.polls);
		for (int n = 0; n < this.polls; n++) {
			HttpRequest request = HttpRequest
				.newBuilder(uri(
						"/discovery/polls?appid=" + appid + "&env=dev&hostname=b" + n + "&latest_timestamp=" + latest))
				.timeout(Duration.ofSeconds(90))
				.build();
			answers.add(this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
				long now = System.nanoTime();
				if (!response.body().startsWith("{\"code\":0,")) {
					throw new IllegalStateException("Unexpected answer " + response.body());
				}
				return now;
			}));
		}
		return answers;
	}

	private void register(String appid, String hostname) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/discovery/register"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("zone=sh001&env=dev&appid=" + appid + "&hostname=" + hostname
					+ "&status=1&addrs=http://127.0.0.1:1"))
			.build();
		this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private URI uri(String path) {
		return URI.create("http://" + this.target + path);
	}

	private static long latest(String body) {
		Matcher matcher = LATEST.matcher(body);
		if (!matcher.find()) {
			throw new IllegalStateException("No latest_timestamp in " + body);
		}
		return Long.parseLong(matcher.group(1));
	}

	private static double millis(long[] sorted, double quantile) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

}

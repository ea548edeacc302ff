package dev.discovery.server.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication lag (register on A → parked poll on C answered) and the renew rate of one
 * node alone and with two peers, all nodes in this JVM on loopback. Not part of the
 * normal build; see docs/benchmarks.md ("Cluster") for the command and figures.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ClusterBenchmark {

	private static final Log logger = LogFactory.getLog(ClusterBenchmark.class);

	private static final String ZONE = "sh001";

	private final int lagSamples = Integer.getInteger("benchmark.lag.samples", 500);

	private final int instances = Integer.getInteger("benchmark.renew.instances", 1000);

	private final int clients = Integer.getInteger("benchmark.renew.clients", 8);

	private final Duration renewDuration = Duration.ofSeconds(Integer.getInteger("benchmark.renew.seconds", 10));

	@Test
	void replicationLag() throws Exception {
		List<ClusterNode> cluster = cluster(3);
		try {
			ClusterNode a = cluster.get(0);
			ClusterNode c = cluster.get(2);
			String app = "bench.lag";
			a.http().register(app, ZONE, "h0");
			waitFor(() -> c.http().instance(app, ZONE, "h0") != null);
			long latest = c.http().fetch(app).path("data").path("latest_timestamp").asLong();
			long[] lags = new long[this.lagSamples];
			for (int n = 1; n <= this.lagSamples; n++) {
				CompletableFuture<JsonNode> parked = c.http()
					.getAsync("/discovery/polls", "appid", app, "env", "dev", "hostname", "bench", "latest_timestamp",
							Long.toString(latest));
				Thread.sleep(5);
				long start = System.nanoTime();
				a.http().register(app, ZONE, "h" + n);
				JsonNode answer = parked.get(10, TimeUnit.SECONDS);
				lags[n - 1] = System.nanoTime() - start;
				latest = answer.path("data").path(app).path("latest_timestamp").asLong();
			}
			java.util.Arrays.sort(lags);
			logger.info(String.format(
					"replication lag register(A) -> poll answered on C: samples=%d p50=%.2f ms "
							+ "p90=%.2f ms p99=%.2f ms max=%.2f ms",
					lags.length, ms(lags, 0.50), ms(lags, 0.90), ms(lags, 0.99), lags[lags.length - 1] / 1e6));
		}
		finally {
			cluster.forEach(ClusterNode::close);
		}
	}

	@Test
	void renewRateAloneAndWithTwoPeers() throws Exception {
		List<ClusterNode> alone = cluster(1);
		double rateAlone;
		try {
			rateAlone = renewRate(alone.get(0));
		}
		finally {
			alone.forEach(ClusterNode::close);
		}
		List<ClusterNode> three = cluster(3);
		try {
			double rateWithPeers = renewRate(three.get(0));
			long start = System.nanoTime();
			waitFor(() -> three.get(0).pendingReplication() == 0);
			double drain = (System.nanoTime() - start) / 1e6;
			MeterRegistry meters = three.get(0).bean(MeterRegistry.class);
			double sent = 0;
			for (Counter counter : meters.find("discovery.replication.requests").tag("action", "renew").counters()) {
				sent += counter.count();
			}
			double dropped = 0;
			for (Counter counter : meters.find("discovery.replication.dropped").counters()) {
				dropped += counter.count();
			}
			logger.info(String.format("renews/s on one node: alone=%.0f with two peers=%.0f (%.0f%%); "
					+ "renew requests sent to peers=%.0f (coalesced), dropped=%.0f, queue drained %.0f ms after the load",
					rateAlone, rateWithPeers, 100 * rateWithPeers / rateAlone, sent, dropped, drain));
		}
		finally {
			three.forEach(ClusterNode::close);
		}
	}

	private double renewRate(ClusterNode node) throws Exception {
		String app = "bench.renew";
		for (int n = 0; n < this.instances; n++) {
			node.http().register(app, ZONE, "r" + n);
		}
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		AtomicLong done = new AtomicLong();
		long end = System.nanoTime() + this.renewDuration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < this.clients; t++) {
			int first = t;
			Thread thread = new Thread(() -> {
				int n = first;
				while (System.nanoTime() < end) {
					String form = DiscoveryHttp.form("appid", app, "zone", ZONE, "env", "dev", "hostname",
							"r" + (n % this.instances));
					HttpRequest request = HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/discovery/renew"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form))
						.build();
					try {
						HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
						assertThat(response.body()).startsWith("{\"code\":0");
						done.incrementAndGet();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					n += this.clients;
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return done.get() / (double) this.renewDuration.toSeconds();
	}

	private static List<ClusterNode> cluster(int size) {
		List<Integer> ports = new ArrayList<>();
		for (int n = 0; n < size; n++) {
			ports.add(ClusterNode.freePort());
		}
		List<String> nodes = ports.stream().map(ClusterNode::address).toList();
		List<ClusterNode> cluster = ports.stream().map((port) -> ClusterNode.configure(port, ZONE, nodes)).toList();
		cluster.forEach(ClusterNode::start);
		return cluster;
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out");
			}
			Thread.sleep(5);
		}
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
	}

}

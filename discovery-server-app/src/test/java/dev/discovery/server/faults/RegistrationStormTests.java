package dev.discovery.server.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.discovery.server.faults.RawConnection.Answer;
import org.junit.jupiter.api.Test;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of simultaneous registrations, each on its own connection, while another client
 * keeps fetching on its keep-alive connection: every registration is applied and every
 * fetch answered. The fetch latencies during the burst are printed (a figure for
 * docs/server.md, not asserted: timings depend on the machine).
 */
class RegistrationStormTests {

	private static final Log logger = LogFactory.getLog(RegistrationStormTests.class);

	@Test
	void aRegistrationStormIsAppliedWhileOtherClientsKeepReading() throws Exception {
		int port = FaultServer.open().port();
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(30))
			.build();
		AtomicBoolean storming = new AtomicBoolean(true);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> fetchWhile(port, storming, latencies));
		List<CompletableFuture<HttpResponse<String>>> registrations = new ArrayList<>();
		for (int n = 0; n < FaultSizes.STORM; n++) {
			registrations.add(client
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/discovery/register"))
					.header("Content-Type", FuzzRequests.FORM)
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofString("zone=sh001&env=dev&appid=storm.app&hostname=s" + n
							+ "&addrs=http://127.0.0.1:" + (10000 + n) + "&status=1"))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		storming.set(false);
		reader.get(30, TimeUnit.SECONDS);
		for (CompletableFuture<HttpResponse<String>> registration : registrations) {
			assertThat(registration.get().body()).startsWith("{\"code\":0,");
		}
		try (RawConnection connection = RawConnection.open(port, Duration.ofSeconds(10))) {
			connection
				.send(FuzzRequests.request("GET", "/discovery/fetch", "appid=storm.app&env=dev&status=1", "", ""));
			String body = connection.read().body();
			for (int n = 0; n < FaultSizes.STORM; n += 97) {
				assertThat(body).contains("\"hostname\":\"s" + n + "\"");
			}
		}
		assertThat(latencies).isNotEmpty();
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		logger.info(String.format("Storm: %d registrations; %d fetches during it, p50 %d ms, p99 %d ms, max %d ms",
				FaultSizes.STORM, sorted.size(), sorted.get(sorted.size() / 2),
				sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
				sorted.get(sorted.size() - 1)));
	}

	private static void fetchWhile(int port, AtomicBoolean storming, List<Long> latencies) {
		String fetch = FuzzRequests.request("GET", "/discovery/fetch", "appid=infra.discovery&env=dev&status=1", "",
				"");
		try (RawConnection connection = RawConnection.open(port, Duration.ofSeconds(30))) {
			while (storming.get() || latencies.isEmpty()) {
				long start = System.nanoTime();
				connection.send(fetch);
				Answer answer = connection.read();
				assertThat(answer).isNotNull();
				assertThat(answer.isEnvelope(0)).as(answer.body()).isTrue();
				latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			throw new AssertionError("a fetch got no answer within 30 s during the storm", ex);
		}
	}

}

package dev.discovery.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.discovery.server.polling.PollHub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Parks thousands of long polls on one app over real HTTP and wakes them all with one
 * register.
 */
@SpringBootTest(classes = DiscoveryServerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "discovery.server.zone=sh001", "discovery.server.env=dev" })
class ManyParkedPollsTests {

	private static final int POLLS = 2000;

	@LocalServerPort
	int port;

	@Autowired
	PollHub hub;

	@Test
	void oneRegisterWakesTwoThousandParkedPolls() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		send(client,
				HttpRequest.newBuilder(uri("/discovery/register"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("zone=sh001&env=dev&appid=many.polls&hostname=h0&status=1&addrs=http://127.0.0.1:1"))
					.build());
		String fetched = send(client,
				HttpRequest.newBuilder(uri("/discovery/fetch?appid=many.polls&env=dev&status=1")).build());
		long latest = Long.parseLong(fetched.replaceAll(".*\"latest_timestamp\":(\\d+)}}$", "$1"));

		List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
		for (int n = 0; n < POLLS; n++) {
			polls.add(client.sendAsync(HttpRequest
				.newBuilder(
						uri("/discovery/polls?appid=many.polls&env=dev&hostname=p" + n + "&latest_timestamp=" + latest))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(25)).until(() -> this.hub.parkedCount() == POLLS);

		send(client,
				HttpRequest.newBuilder(uri("/discovery/register"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("zone=sh001&env=dev&appid=many.polls&hostname=h1&status=1&addrs=http://127.0.0.1:2"))
					.build());

		CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		for (CompletableFuture<HttpResponse<String>> poll : polls) {
			assertThat(poll.get().body()).startsWith("{\"code\":0,").contains("\"hostname\":\"h1\"");
		}
		assertThat(this.hub.parkedCount()).isZero();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String send(HttpClient client, HttpRequest request) throws Exception {
		return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}

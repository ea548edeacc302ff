package dev.discovery.server.conformance;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Startup protection: with {@code enable-protect=true} and no peer, the six read routes
 * answer -500 until the protect timeout passes, writes work throughout
 * (docs/wire-protocol.md §5.9, §13 item 53). Runs its own server with a 4 s protect
 * timeout instead of 60 s.
 */
class StartupProtectionConformanceTests {

	private static final Duration PROTECT_TIMEOUT = Duration.ofSeconds(4);

	private static final String SERVER_ERROR = "{\"code\":-500,\"message\":\"-500\",\"ttl\":1}";

	@Test
	void readsAnswerServerErrorUntilTheProtectTimeoutWhileWritesWork() {
		// docs/wire-protocol.md §13 item 53
		long startedAt = System.nanoTime();
		try (StandaloneServer server = StandaloneServer.start("discovery.server.enable-protect=true",
				"discovery.server.protect-timeout=" + PROTECT_TIMEOUT.toSeconds() + "s")) {
			DiscoveryHttp http = new DiscoveryHttp(server.port());
			String app = "conf.protected";
			Form fetch = Form.of("appid", app, "env", "dev", "status", "1");
			List<Answer> reads = List.of(http.get(ConformanceTestSupport.FETCH, fetch),
					http.get(ConformanceTestSupport.FETCHS, fetch),
					http.get(ConformanceTestSupport.POLL,
							Form.of("appid", app, "env", "dev", "hostname", "c1", "latest_timestamp", "0")),
					http.get(ConformanceTestSupport.POLLS,
							Form.of("appid", app, "env", "dev", "hostname", "c1", "latest_timestamp", "0")),
					http.get(ConformanceTestSupport.NODES), http.get(ConformanceTestSupport.FETCH_ALL));
			Form h1 = ConformanceTestSupport.instance(app, "sh001", "h1");
			Form h2 = ConformanceTestSupport.instance(app, "sh001", "h2");
			Form identity2 = Form.of("zone", "sh001", "env", "dev", "appid", app, "hostname", "h2");
			List<Answer> writes = List.of(http.post(ConformanceTestSupport.REGISTER, h1),
					http.post(ConformanceTestSupport.REGISTER, h2), http.post(ConformanceTestSupport.RENEW, identity2),
					http.post(ConformanceTestSupport.SET, identity2.copy().add("status", "2")),
					http.post(ConformanceTestSupport.CANCEL, identity2));
			boolean stillProtected = http.get(ConformanceTestSupport.FETCH, fetch).code() == -500;

			assertThat(reads).allSatisfy((answer) -> {
				assertThat(answer.status()).as("%s", answer).isIn(200, 503);
				assertThat(answer.json()).as("%s", answer).isEqualTo(Answer.parse(SERVER_ERROR));
			});
			assertThat(stillProtected).as("protection still on after the writes").isTrue();
			assertThat(writes).allSatisfy((answer) -> ConformanceTestSupport.assertCode(answer, 0));
			Answer unprotected = await().atMost(PROTECT_TIMEOUT.plusSeconds(2))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> http.get(ConformanceTestSupport.FETCH, fetch), (answer) -> answer.code() != -500);
			assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThan(PROTECT_TIMEOUT.minusMillis(100));
			ConformanceTestSupport.assertCode(unprotected, 0);
			assertThat(ConformanceTestSupport.hostnames(unprotected.data().path("instances").path("sh001")))
				.containsExactly("h1");
			ConformanceTestSupport.assertCode(http.get(ConformanceTestSupport.NODES), 0);
			ConformanceTestSupport.assertCode(http.get(ConformanceTestSupport.FETCH_ALL), 0);
		}
	}

}

package dev.discovery.server.conformance;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server renews its own {@code infra.discovery} instance and registers it again,
 * fresh, after it was cancelled (docs/wire-protocol.md §5.10, §13 item 52 [FIX D23]).
 * Runs its own server with a 1 s self-renew interval instead of 30 s.
 */
class SelfRenewConformanceTests {

	private static final String SELF = "infra.discovery";

	private static final Duration INTERVAL_WITH_SLACK = Duration.ofSeconds(4);

	private static StandaloneServer server;

	private static DiscoveryHttp http;

	@BeforeAll
	static void startServer() {
		server = StandaloneServer.start("discovery.server.self-renew-interval=1s");
		http = new DiscoveryHttp(server.port());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void serverRenewsItsOwnInstanceEveryInterval() {
		// docs/wire-protocol.md §13 item 52, observed through /fetch/all (fetch's
		// renew_timestamp is checked by
		// RenewCancelSetConformanceTests.fetchAfterARenewShowsTheNewRenewTimestamp)
		long first = selfRenewTimestampInFetchAll();

		long second = awaitRenewAfter(first);
		long third = awaitRenewAfter(second);

		assertThat(third).isGreaterThan(second).isGreaterThan(first);
	}

	@Test
	void serverRegistersItselfAgainWithFreshTimestampsAfterBeingCancelled() {
		// docs/wire-protocol.md §13 item 52 [FIX D23]
		JsonNode before = self();
		long latestBefore = latestTimestamp();

		ConformanceTestSupport.assertCode(http.post(ConformanceTestSupport.CANCEL,
				Form.of("zone", "sh001", "env", "dev", "appid", SELF, "hostname", "test1", "replication", "true")), 0);
		long cancelledAt = serverNow();

		JsonNode after = await().atMost(INTERVAL_WITH_SLACK)
			.pollInterval(Duration.ofMillis(100))
			.until(this::selfOrNull, (instance) -> instance != null);
		assertThat(after.path("reg_timestamp").longValue()).isGreaterThan(cancelledAt)
			.isGreaterThan(before.path("reg_timestamp").longValue());
		assertThat(after.path("renew_timestamp").longValue()).isGreaterThan(cancelledAt);
		assertThat(after.path("dirty_timestamp").longValue()).isGreaterThan(cancelledAt);
		assertThat(after.path("latest_timestamp").longValue()).isGreaterThan(cancelledAt);
		assertThat(latestTimestamp()).isGreaterThan(latestBefore).isGreaterThan(cancelledAt);
		assertThat(ConformanceTestSupport.strings(after.path("addrs")))
			.containsExactly("http://127.0.0.1:" + server.port());
	}

	private long awaitRenewAfter(long renewed) {
		return await().atMost(INTERVAL_WITH_SLACK)
			.pollInterval(Duration.ofMillis(100))
			.until(SelfRenewConformanceTests::selfRenewTimestampInFetchAll, (renew) -> renew > renewed);
	}

	private static long selfRenewTimestampInFetchAll() {
		Answer answer = http.get(ConformanceTestSupport.FETCH_ALL);
		ConformanceTestSupport.assertCode(answer, 0);
		for (JsonNode instance : answer.data().path(SELF)) {
			if (instance.path("hostname").stringValue("").equals("test1")) {
				return instance.path("renew_timestamp").longValue();
			}
		}
		throw new AssertionError("own instance not in " + answer);
	}

	private static JsonNode self() {
		Answer answer = fetchSelf();
		ConformanceTestSupport.assertCode(answer, 0);
		return answer.data().path("instances").path("sh001").path(0);
	}

	private JsonNode selfOrNull() {
		Answer answer = fetchSelf();
		return (answer.code() == 0) ? answer.data().path("instances").path("sh001").path(0) : null;
	}

	private static long latestTimestamp() {
		return fetchSelf().data().path("latest_timestamp").longValue();
	}

	private static Answer fetchSelf() {
		return http.get(ConformanceTestSupport.FETCH, Form.of("appid", SELF, "env", "dev", "status", "3"));
	}

	/**
	 * The server's clock, read through the reg_timestamp of a fresh instance of a marker
	 * app.
	 */
	private static long serverNow() {
		Form marker = ConformanceTestSupport.instance("conf.self-renew.marker", "sh001", "marker");
		ConformanceTestSupport.assertCode(http.post(ConformanceTestSupport.REGISTER, marker), 0);
		Answer fetched = http.get(ConformanceTestSupport.FETCH,
				Form.of("appid", "conf.self-renew.marker", "env", "dev", "status", "3"));
		long now = fetched.data().path("instances").path("sh001").path(0).path("reg_timestamp").longValue();
		ConformanceTestSupport.assertCode(http.post(ConformanceTestSupport.CANCEL,
				Form.of("zone", "sh001", "env", "dev", "appid", "conf.self-renew.marker", "hostname", "marker")), 0);
		return now;
	}

}

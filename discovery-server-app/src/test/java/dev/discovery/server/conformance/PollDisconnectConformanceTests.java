package dev.discovery.server.conformance;

import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A parked poll whose client hung up is dropped at once, not kept until its 30 s timeout
 * (docs/wire-protocol.md §4.6 [FIX], §10: Go clients close their poll whenever they watch
 * a new app). Observed through the server's {@code discovery.polls.parked} gauge, on a
 * server of its own so that no other test's polls are counted.
 */
class PollDisconnectConformanceTests {

	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	private static StandaloneServer server;

	private static DiscoveryHttp http;

	private String appid;

	@BeforeAll
	static void startServer() {
		server = StandaloneServer.start();
		http = new DiscoveryHttp(server.port());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void registerApp(TestInfo testInfo) {
		this.appid = ConformanceTestSupport.uniqueAppid(testInfo);
		ConformanceTestSupport.assertCode(
				http.post(ConformanceTestSupport.REGISTER, ConformanceTestSupport.instance(this.appid, "sh001", "h1")),
				0);
	}

	@Test
	void pollWhoseClientDisconnectedIsNoLongerParked() throws Exception {
		Form query = Form.of("appid", this.appid, "env", "dev", "hostname", "c1", "latest_timestamp",
				Long.toString(latestTimestamp()));

		assertDroppedOnDisconnect(ConformanceTestSupport.POLL + "?" + query.encoded());
	}

	@Test
	void pollsWhoseClientDisconnectedIsNoLongerParked() throws Exception {
		Form query = Form.of("appid", this.appid, "env", "dev", "hostname", "c1", "latest_timestamp",
				Long.toString(latestTimestamp()));

		assertDroppedOnDisconnect(ConformanceTestSupport.POLLS + "?" + query.encoded());
	}

	private void assertDroppedOnDisconnect(String target) throws Exception {
		double parkedBefore = parkedPolls();
		try (Socket ignored = RawHttp.open(server.port(), RawHttp.request("GET", target, "", ""))) {
			await().atMost(PROMPTLY).until(PollDisconnectConformanceTests::parkedPolls, (n) -> n == parkedBefore + 1);
		}

		await().atMost(PROMPTLY).until(PollDisconnectConformanceTests::parkedPolls, (n) -> n == parkedBefore);
		Answer register = http.post(ConformanceTestSupport.REGISTER,
				ConformanceTestSupport.instance(this.appid, "sh001", "h2"));
		ConformanceTestSupport.assertCode(register, 0);
		assertThat(register.elapsed()).isLessThan(Duration.ofSeconds(1));
	}

	private long latestTimestamp() {
		return http.get(ConformanceTestSupport.FETCH, Form.of("appid", this.appid, "env", "dev", "status", "3"))
			.data()
			.path("latest_timestamp")
			.longValue();
	}

	private static double parkedPolls() {
		Answer answer = http.get("/actuator/metrics/discovery.polls.parked");
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		return answer.json().path("measurements").path(0).path("value").doubleValue();
	}

}

package dev.discovery.server.conformance;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real 30 s hold of a server with default settings (docs/wire-protocol.md §13 item
 * 36, §1.6): the one conformance case that measures the hold on the wall clock (under 38
 * s: shorter than the 40 s a Go client announces, whatever the load). Tagged
 * {@code slow}: outside the default build, run with {@code ./mvnw verify -Pslow-tests}.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class DefaultPollHoldConformanceTests {

	private static StandaloneServer server;

	private static DiscoveryHttp http;

	@BeforeAll
	static void startServer() {
		server = StandaloneServer.start();
		http = new DiscoveryHttp(server.port());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void pollAtTheCurrentTimestampIsHeldThirtySeconds() throws Exception {
		Answer answer = http.getAsync(ConformanceTestSupport.POLLS, unknownAppPoll("conf.hold.poll"))
			.get(40, TimeUnit.SECONDS);

		ConformanceTestSupport.assertExactly(answer, LongPollConformanceTests.NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofSeconds(29)).isLessThan(Duration.ofSeconds(38));
	}

	@Test
	void timeoutHeaderLongerThanThirtySecondsStillHoldsOnlyThirtySeconds() throws Exception {
		// Go clients send 40000
		Answer answer = http
			.sendAsync(http.request(http.uri(ConformanceTestSupport.POLLS, unknownAppPoll("conf.hold.header")))
				.header(ConformanceTestSupport.TIMEOUT_HEADER, "40000")
				.GET()
				.build())
			.get(40, TimeUnit.SECONDS);

		ConformanceTestSupport.assertExactly(answer, LongPollConformanceTests.NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofSeconds(29)).isLessThan(Duration.ofSeconds(38));
	}

	private static Form unknownAppPoll(String appid) {
		// an unknown app is held like an unchanged one (§13 item 46)
		return Form.of("appid", appid, "env", ConformanceTestSupport.ENV, "hostname", "c1", "latest_timestamp", "0");
	}

}

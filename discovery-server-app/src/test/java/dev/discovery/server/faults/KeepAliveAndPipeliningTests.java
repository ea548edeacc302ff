package dev.discovery.server.faults;

import java.time.Duration;
import java.util.List;

import dev.discovery.server.faults.RawConnection.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On one keep-alive connection every request is answered, whatever came before it, and a
 * malformed request in a pipelined sequence gets its own answer after the earlier ones.
 */
class KeepAliveAndPipeliningTests {

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> ACTUATOR = List.of("/actuator/prometheus", "/actuator/health",
			"/actuator/metrics", "/actuator/info");

	private static int port;

	@BeforeAll
	static void server() {
		port = FaultServer.open().port();
	}

	@Test
	void alternatingDiscoveryAndActuatorRequestsOnOneConnectionAreAllAnswered() throws Exception {
		try (RawConnection connection = RawConnection.open(port, ANSWER_TIMEOUT)) {
			for (int n = 0; n < 50; n++) {
				connection.send(FuzzRequests.request("GET", "/discovery/fetch",
						"appid=infra.discovery&env=dev&status=1", "", ""));
				Answer fetch = connection.read();
				assertThat(fetch).as("fetch %d", n).isNotNull();
				assertThat(fetch.isEnvelope(0)).as(fetch.body()).isTrue();
				String actuator = ACTUATOR.get(n % ACTUATOR.size());
				connection.send(FuzzRequests.request("GET", actuator, "", "", ""));
				Answer answer = connection.read();
				assertThat(answer).as("%s %d", actuator, n).isNotNull();
				assertThat(answer.status()).as(actuator).isEqualTo(200);
			}
		}
	}

	@Test
	void malformedRequestLineInAPipelineIsAnsweredAfterTheEarlierRequests() throws Exception {
		assertPipelineAnswersThenRefuses("GET /discovery/fe tch HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	}

	@Test
	void brokenChunkInAPipelineIsAnsweredAfterTheEarlierRequests() throws Exception {
		assertPipelineAnswersThenRefuses(FuzzRequests.head("POST", "/discovery/register", "")
				+ "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
	}

	@Test
	void oversizedBodyInAPipelineIsAnsweredAfterTheEarlierRequests() throws Exception {
		assertPipelineAnswersThenRefuses(FuzzRequests.head("POST", "/discovery/register", "")
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\nzone=");
	}

	@Test
	void chunkCutShortInAPipelineIsAnsweredAfterTheEarlierRequests() throws Exception {
		assertPipelineAnswersThenRefuses(FuzzRequests.head("POST", "/discovery/register", "")
				+ "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n40000\r\n"
				+ "a".repeat(100) + "\r\n0\r\n\r\n");
	}

	@Test
	void unreadableContentTypeInAPipelineIsAnsweredAfterTheEarlierRequests() throws Exception {
		assertPipelineAnswersThenRefuses(
				FuzzRequests.request("POST", "/discovery/register", "", "\"/a", FuzzRequests.VALID_BODY));
	}

	private static void assertPipelineAnswersThenRefuses(String malformed) throws Exception {
		String fetch = FuzzRequests.request("GET", "/discovery/fetch", "appid=infra.discovery&env=dev&status=1", "",
				"");
		try (RawConnection connection = RawConnection.open(port, ANSWER_TIMEOUT)) {
			connection.send(fetch + fetch + malformed + fetch);
			for (int n = 0; n < 2; n++) {
				Answer answer = connection.read();
				assertThat(answer).as("answer %d", n).isNotNull();
				assertThat(answer.isEnvelope(0)).as(answer.body()).isTrue();
			}
			Answer refusal = connection.read();
			assertThat(refusal).isNotNull();
			assertThat(refusal.isEnvelope(-400)).as(refusal.body()).isTrue();
			assertThat(refusal.headers()).containsEntry("connection", "close");
			assertThat(connection.closedByServer()).isTrue();
		}
	}

}

package dev.discovery.server.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.discovery.server.faults.RawConnection.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send their request slowly (or stop half-way) are answered -400 and
 * disconnected after the read timeout (1 s in the fault suite), not kept for the idle
 * timeout; an idle keep-alive connection is not affected.
 */
class SlowClientTests {

	private static int port;

	@BeforeAll
	static void server() {
		port = FaultServer.open().port();
	}

	@Test
	void connectionsThatStopInTheirHeadersAreAnsweredAndClosed() throws Exception {
		List<RawConnection> connections = new ArrayList<>();
		try {
			for (int n = 0; n < FaultSizes.SLOW_CLIENTS; n++) {
				RawConnection connection = RawConnection.open(port, Duration.ofSeconds(30));
				connection.send(
						"GET /discovery/fetch?appid=infra.discovery&env=dev&status=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
				connections.add(connection);
			}
			for (RawConnection connection : connections) {
				Answer answer = connection.read();
				assertThat(answer).isNotNull();
				assertThat(answer.isEnvelope(-400)).as(answer.body()).isTrue();
				assertThat(answer.body()).contains("not received completely");
				assertThat(connection.closedByServer()).isTrue();
			}
		}
		finally {
			connections.forEach(RawConnection::close);
		}
	}

	@Test
	void aBodyThatStopsHalfWayIsAnsweredAndClosed() throws Exception {
		try (RawConnection connection = RawConnection.open(port, Duration.ofSeconds(30))) {
			connection.send(FuzzRequests.head("POST", "/discovery/register", "")
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nzone=sh001");
			Answer answer = connection.read();
			assertThat(answer).isNotNull();
			assertThat(answer.isEnvelope(-400)).as(answer.body()).isTrue();
			assertThat(connection.closedByServer()).isTrue();
		}
	}

	@Test
	void anIdleKeepAliveConnectionOutlivesTheReadTimeout() throws Exception {
		try (RawConnection connection = RawConnection.open(port, Duration.ofSeconds(30))) {
			String fetch = FuzzRequests.request("GET", "/discovery/fetch", "appid=infra.discovery&env=dev&status=1", "",
					"");
			connection.send(fetch);
			assertThat(connection.read().isEnvelope(0)).isTrue();
			// Three read timeouts without a byte: an idle connection, not a slow request.
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
			connection.send(fetch);
			Answer again = connection.read();
			assertThat(again).isNotNull();
			assertThat(again.isEnvelope(0)).as(again.body()).isTrue();
		}
	}

}

package dev.discovery.server.faults;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import dev.discovery.server.faults.RawConnection.Answer;
import org.junit.jupiter.api.Test;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every non-canonical spelling of every write route (matrix parameters, each character
 * percent-encoded, dot segments, double and trailing slashes, case variants,
 * backslashes), sent as a forged peer write ({@code replication=true}, no secret), is
 * refused on a node with the replication secret and on one without: none reaches the
 * handler, so none changes the registry.
 */
class PathVariantTests {

	private static final Log logger = LogFactory.getLog(PathVariantTests.class);

	private static final String APP = "variant.app";

	@Test
	void noPathVariantOfAWriteRouteIsDispatchedWithOrWithoutTheSecret() throws Exception {
		int tried = 0;
		for (FaultServer server : List.of(FaultServer.secret(), FaultServer.open())) {
			Answer target = exchange(server.port(),
					FuzzRequests.request("POST", "/discovery/register", "", FuzzRequests.FORM,
							"zone=sh001&env=dev&appid=" + APP + "&hostname=target&addrs=http://127.0.0.1:7&status=1"));
			assertThat(target.isEnvelope(0)).as(target.body()).isTrue();
			for (String route : FuzzRequests.WRITES) {
				for (String variant : PathVariants.of(route)) {
					tried++;
					Answer answer = exchange(server.port(),
							FuzzRequests.request("POST", variant, "", FuzzRequests.FORM,
									"zone=sh001&env=dev&appid=" + APP + "&hostname="
											+ (route.endsWith("register") ? "forged" : "target")
											+ "&addrs=http://6.6.6.6:6&status=2&replication=true"));
					assertThat(answer).as(variant).isNotNull();
					assertThat(answer.status()).as(variant).isLessThan(500);
					assertThat(answer.isEnvelope(0)).as("%s answered %s", variant, answer.body()).isFalse();
				}
			}
			String fetched = exchange(server.port(),
					FuzzRequests.request("GET", "/discovery/fetch", "appid=" + APP + "&env=dev&status=3", "", ""))
				.body();
			assertThat(fetched).contains("\"hostname\":\"target\"")
				.contains("http://127.0.0.1:7")
				.contains("\"status\":1")
				.doesNotContain("forged")
				.doesNotContain("6.6.6.6");
		}
		logger.info("Path variants: " + tried + " forged writes through non-canonical paths, all refused");
	}

	private static Answer exchange(int port, String request) throws SocketTimeoutException {
		try (RawConnection connection = RawConnection.open(port, Duration.ofSeconds(10))) {
			connection.send(request);
			return connection.read();
		}
	}

}

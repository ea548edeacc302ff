package dev.discovery.server.faults;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.discovery.server.faults.FuzzCase.Mutation;
import dev.discovery.server.faults.RawConnection.Answer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever a client sends to whichever route (every mutation class of
 * {@link FuzzRequests}), with or without the replication secret configured, the request
 * gets an answer that is not an HTTP 5xx, the answers to the requests pipelined before it
 * on the same connection arrive intact, nothing is logged at ERROR, and the canary
 * instance is untouched. Tries: {@code jqwik.tries.default} (raised by
 * {@code -Pfaults-long}); the seed is fixed so that every build sends the same requests
 * (a failure is reproduced by running the class again).
 */
class MalformedRequestFuzzTests {

	private static final Log logger = LogFactory.getLog(MalformedRequestFuzzTests.class);

	/**
	 * Several times the shared servers' 1 s read timeout: every request, however cut
	 * short, is answered within that.
	 */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(4);

	private static final String SEED = "9090190209";

	private static FaultServer open;

	private static FaultServer secret;

	private static ErrorLogCounter errors;

	private static final AtomicInteger cases = new AtomicInteger();

	private static final AtomicInteger serverErrors = new AtomicInteger();

	private static final Map<Mutation, AtomicInteger> perMutation = new EnumMap<>(Mutation.class);

	@BeforeContainer
	static void startServers() {
		open = FaultServer.open();
		secret = FaultServer.secret();
		for (FaultServer server : new FaultServer[] { open, secret }) {
			Answer registered = exchange(server.port(),
					FuzzRequests.request("POST", "/discovery/register", "", FuzzRequests.FORM,
							"zone=sh001&env=dev&appid=" + FuzzRequests.CANARY_APP
									+ "&hostname=canary1&addrs=http://127.0.0.1:9&status=1"));
			assertThat(registered.isEnvelope(0)).as(registered.body()).isTrue();
		}
		for (Mutation mutation : Mutation.values()) {
			perMutation.put(mutation, new AtomicInteger());
		}
		errors = ErrorLogCounter.attach();
	}

	@AfterContainer
	static void stopServers() {
		if (errors == null) {
			return;
		}
		logger.info("Fuzz: " + cases.get() + " malformed requests, " + serverErrors.get() + " HTTP 5xx, "
				+ errors.errors().size() + " ERROR lines; per mutation class " + perMutation);
		errors.detach();
	}

	@Property(seed = SEED)
	void everyMalformedRequestIsAnsweredWithoutServerError(@ForAll("requests") FuzzCase fuzz,
			@ForAll boolean withSecret, @ForAll("before") int before) throws Exception {
		FaultServer server = withSecret ? secret : open;
		try (RawConnection connection = RawConnection.open(server.port(), ANSWER_TIMEOUT)) {
			StringBuilder earlier = new StringBuilder();
			for (int n = 0; n < before; n++) {
				earlier.append(FuzzRequests.canaryFetch());
			}
			connection.send(earlier.toString());
			connection.send(fuzz.bytes());
			connection.send(FuzzRequests.canaryFetch());
			for (int n = 0; n < before; n++) {
				Answer answer = connection.read();
				assertThat(answer).as("answer to pipelined request %d before %s", n, fuzz).isNotNull();
				assertThat(answer.body()).as("pipelined request %d before %s", n, fuzz).contains("canary1");
			}
			Answer answer;
			try {
				answer = connection.read();
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("no answer within " + ANSWER_TIMEOUT + " to " + fuzz, ex);
			}
			cases.incrementAndGet();
			perMutation.get(fuzz.mutation()).incrementAndGet();
			assertThat(answer).as("answer to %s", fuzz).isNotNull();
			if (answer.status() >= 500) {
				serverErrors.incrementAndGet();
			}
			assertThat(answer.status()).as("%s answered %s", fuzz, answer.body()).isLessThan(500);
		}
		assertThat(errors.errors()).as("ERROR lines after %s", fuzz).isEmpty();
		assertThat(exchange(server.port(), FuzzRequests.canaryFetch()).body()).as("canary after %s", fuzz)
			.contains("\"hostname\":\"canary1\"")
			.contains("http://127.0.0.1:9");
	}

	@Provide
	Arbitrary<FuzzCase> requests() {
		return FuzzRequests.any();
	}

	@Provide
	Arbitrary<Integer> before() {
		return Arbitraries.integers().between(0, 2);
	}

	private static Answer exchange(int port, String request) {
		try (RawConnection connection = RawConnection.open(port, ANSWER_TIMEOUT)) {
			connection.send(request);
			return connection.read();
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("no answer to " + request, ex);
		}
	}

}

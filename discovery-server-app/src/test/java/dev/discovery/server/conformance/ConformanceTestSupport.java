package dev.discovery.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.server.DiscoveryServerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One shared single-node server (zone sh001, env dev, host test1, region sh, one
 * scheduler file for {@code conf.scheduled}) and the helpers every conformance test uses.
 * Each test works on its own appid, so tests do not see each other's instances.
 * <p>
 * Long polls are held {@value #HOLD_SECONDS} s instead of 30 s, so that a test of an
 * unanswered poll takes seconds; {@link DefaultPollHoldConformanceTests} keeps the real
 * 30 s hold, outside the default build.
 */
@SpringBootTest(classes = DiscoveryServerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "discovery.server.zone=sh001", "discovery.server.env=dev", "discovery.server.host=test1",
				"discovery.server.region=sh",
				"discovery.server.poll-timeout=" + ConformanceTestSupport.HOLD_SECONDS + "s",
				"discovery.server.scheduler-dir=src/test/resources/conformance/scheduler" })
abstract class ConformanceTestSupport {

	/** The poll hold of the shared server, in seconds. */
	static final int HOLD_SECONDS = 8;

	static final String ZONE = "sh001";

	static final String OTHER_ZONE = "sh002";

	static final String ENV = "dev";

	/** Instance address; only stored as data, never contacted. */
	static final String ADDR = "http://10.0.0.1:8080";

	static final String REGISTER = DiscoveryApi.REGISTER;

	static final String RENEW = DiscoveryApi.RENEW;

	static final String CANCEL = DiscoveryApi.CANCEL;

	static final String SET = DiscoveryApi.SET;

	static final String FETCH = DiscoveryApi.FETCH;

	static final String FETCHS = DiscoveryApi.FETCHS;

	static final String POLL = DiscoveryApi.POLL;

	static final String POLLS = DiscoveryApi.POLLS;

	static final String NODES = DiscoveryApi.NODES;

	static final String FETCH_ALL = DiscoveryApi.FETCH_ALL;

	static final String TIMEOUT_HEADER = DiscoveryApi.TIMEOUT_HEADER;

	static final long NANOS_2020 = 1_577_836_800_000_000_000L;

	@LocalServerPort
	int port;

	DiscoveryHttp http;

	/** The app of the running test; unique per test invocation. */
	String appid;

	@BeforeEach
	void prepareClient(TestInfo testInfo) {
		this.http = new DiscoveryHttp(this.port);
		this.appid = uniqueAppid(testInfo);
	}

	static String uniqueAppid(TestInfo testInfo) {
		String method = testInfo.getTestMethod().map((m) -> m.getName()).orElse("test");
		return "conf." + method + "." + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
	}

	String otherAppid(String suffix) {
		return this.appid + "." + suffix;
	}

	/**
	 * Everything a client register needs for {@code hostname} of the test's app in zone
	 * sh001.
	 */
	Form instance(String hostname) {
		return instance(this.appid, ZONE, hostname);
	}

	static Form instance(String appid, String zone, String hostname) {
		return Form.of("zone", zone, "env", ENV, "appid", appid, "hostname", hostname, "status", "1", "addrs", ADDR);
	}

	/** The identifying parameters of renew and cancel. */
	Form identity(String hostname) {
		return Form.of("zone", ZONE, "env", ENV, "appid", this.appid, "hostname", hostname);
	}

	Answer register(Form form) {
		return this.http.post(REGISTER, form);
	}

	void registerOk(Form form) {
		assertCode(register(form), 0);
	}

	Answer fetch(String appid, String status) {
		return this.http.get(FETCH, Form.of("appid", appid, "env", ENV, "status", status));
	}

	/**
	 * InstanceInfo of {@code appid} (UP and WAITING, all zones); fails unless fetch
	 * answers 0.
	 */
	JsonNode fetchData(String appid) {
		Answer answer = fetch(appid, "3");
		assertCode(answer, 0);
		return answer.data();
	}

	long latestTimestamp(String appid) {
		return fetchData(appid).path("latest_timestamp").longValue();
	}

	JsonNode stored(String appid, String zone, String hostname) {
		for (JsonNode instance : fetchData(appid).path("instances").path(zone)) {
			if (instance.path("hostname").stringValue("").equals(hostname)) {
				return instance;
			}
		}
		throw new AssertionError(hostname + " not found in " + fetchData(appid));
	}

	JsonNode stored(String hostname) {
		return stored(this.appid, ZONE, hostname);
	}

	static List<String> hostnames(JsonNode instances) {
		List<String> hostnames = new ArrayList<>();
		instances.forEach((instance) -> hostnames.add(instance.path("hostname").stringValue("")));
		return hostnames;
	}

	static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.stringValue("")));
		return strings;
	}

	/**
	 * HTTP 200, a JSON content type (docs/wire-protocol.md §13 item 1) and the given
	 * business code.
	 */
	static void assertCode(Answer answer, int code) {
		assertJsonAnswer(answer);
		assertThat(answer.code()).as("code of %s", answer).isEqualTo(code);
	}

	/**
	 * docs/wire-protocol.md §13 item 1: HTTP 200 with
	 * {@code Content-Type: application/json; charset=utf-8}.
	 */
	static void assertJsonAnswer(Answer answer) {
		assertThat(answer.status()).as("HTTP status of %s", answer).isEqualTo(200);
		assertThat(answer.contentType()).as("Content-Type of %s", answer).isNotNull();
		String contentType = answer.contentType().toLowerCase(Locale.ROOT).replace(" ", "");
		assertThat(contentType).as("Content-Type of %s", answer)
			.startsWith("application/json")
			.contains(";charset=utf-8");
	}

	/**
	 * The answer's JSON equals {@code expectedJson} (key order ignored, key set exact).
	 */
	static void assertExactly(Answer answer, String expectedJson) {
		assertJsonAnswer(answer);
		assertThat(answer.json()).as("body of %s", answer).isEqualTo(Answer.parse(expectedJson));
	}

}

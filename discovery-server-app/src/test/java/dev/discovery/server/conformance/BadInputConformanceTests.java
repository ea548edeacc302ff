package dev.discovery.server.conformance;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests at every endpoint: never HTTP 500, always the -400 envelope (or
 * 404/405 for wrong routes and methods), and the registry is left intact. Limits the
 * server documents: metadata JSON at most 8 KiB, at most 32 addrs, strings at most 256
 * characters, at most 1000 appids per fetchs/polls.
 */
class BadInputConformanceTests extends ConformanceTestSupport {

	private static final String TOO_LONG = "x".repeat(257);

	private static final String LONGEST = "x".repeat(256);

	private static final String BIG_METADATA = "{\"k\":\"" + "v".repeat(8 * 1024) + "\"}";

	private static final String HUGE_INTEGER = "99999999999999999999";

	@BeforeEach
	void registerSentinel() {
		registerOk(instance("h1").add("metadata", "{\"a\":\"1\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestErrors")
	void malformedRequestAnswersRequestErrorAndLeavesTheRegistryIntact(BadRequest request) {
		Answer answer = request.send().apply(this.http, this.appid);

		named(request, () -> assertCode(answer, -400));
		assertSentinelIntact();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oddButHarmless")
	void oddRequestNeverAnswersServerErrorAndLeavesTheRegistryIntact(BadRequest request) {
		Answer answer = request.send().apply(this.http, this.appid);

		named(request, () -> {
			assertJsonAnswer(answer);
			assertThat(answer.code()).as("%s", answer).isIn(0, -304, -400, -404);
		});
		assertSentinelIntact();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongRoutes")
	void wrongRouteOrMethodAnswersNotFoundOrMethodNotAllowed(BadRequest request) {
		Answer answer = request.send().apply(this.http, this.appid);

		named(request, () -> assertThat(answer.status()).as("%s", answer).isIn(404, 405));
		assertSentinelIntact();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("longestAccepted")
	void valuesAtTheDocumentedLimitsAreAccepted(BadRequest request) {
		Answer answer = request.send().apply(this.http, this.appid);

		named(request, () -> assertCode(answer, 0));
	}

	/**
	 * Surefire reports parameterized invocations by index only: put the case name in the
	 * message.
	 */
	private static void named(BadRequest request, Runnable assertions) {
		try {
			assertions.run();
		}
		catch (AssertionError ex) {
			throw new AssertionError(request + ": " + ex.getMessage(), ex);
		}
	}

	private void assertSentinelIntact() {
		JsonNode sentinel = stored("h1");
		assertThat(sentinel.path("status").intValue()).isEqualTo(1);
		assertThat(strings(sentinel.path("addrs"))).containsExactly(ADDR);
		assertThat(sentinel.path("metadata")).isEqualTo(Answer.parse("{\"a\":\"1\"}"));
	}

	static Stream<BadRequest> requestErrors() {
		List<BadRequest> cases = new ArrayList<>();
		// register
		cases.add(register("register: huge status", (f) -> f.with("status", HUGE_INTEGER)));
		cases.add(register("register: non-numeric dirty_timestamp",
				(f) -> f.add("replication", "true").add("dirty_timestamp", "abc")));
		cases.add(register("register: out-of-range dirty_timestamp", (f) -> f.add("dirty_timestamp", HUGE_INTEGER)));
		cases.add(register("register: invalid metadata JSON", (f) -> f.add("metadata", "{\"a\":")));
		cases.add(register("register: metadata over 8 KiB", (f) -> f.add("metadata", BIG_METADATA)));
		cases.add(register("register: 33 addrs", (f) -> f.without("addrs")
			.addAll("addrs", IntStream.range(0, 33).mapToObj((i) -> "http://10.0.0." + i + ":80").toList())));
		cases.add(register("register: 33 comma-joined addrs", (f) -> f.with("addrs",
				String.join(",", IntStream.range(0, 33).mapToObj((i) -> "http://10.0.0." + i + ":80").toList()))));
		for (String name : List.of("appid", "hostname", "zone", "env", "region", "version")) {
			cases.add(register("register: " + name + " of 257 characters", (f) -> f.with(name, TOO_LONG)));
		}
		cases.add(register("register: addr of 257 characters", (f) -> f.with("addrs", "http://" + TOO_LONG)));
		cases.add(register("register: 1 MiB version", (f) -> f.with("version", "v".repeat(1024 * 1024))));
		cases.add(new BadRequest("register: binary junk octet-stream body",
				(http, appid) -> http.postBody(REGISTER, "application/octet-stream", junk(4096))));
		cases.add(new BadRequest("register: separators only",
				(http, appid) -> http.postBody(REGISTER, DiscoveryHttp.FORM, "&&&===&=&")));
		cases.add(new BadRequest("register: empty POST", (http, appid) -> http.postQuery(REGISTER, new Form())));
		// renew
		cases.add(renew("renew: non-numeric dirty_timestamp",
				(f) -> f.add("replication", "true").add("dirty_timestamp", "abc")));
		cases.add(renew("renew: out-of-range dirty_timestamp",
				(f) -> f.add("replication", "true").add("dirty_timestamp", HUGE_INTEGER)));
		cases.add(renew("renew: hostname of 257 characters", (f) -> f.with("hostname", TOO_LONG)));
		cases.add(renew("renew: no appid", (f) -> f.without("appid")));
		// cancel
		cases.add(cancel("cancel: non-numeric latest_timestamp", (f) -> f.add("latest_timestamp", "abc")));
		cases.add(cancel("cancel: out-of-range latest_timestamp", (f) -> f.add("latest_timestamp", HUGE_INTEGER)));
		cases.add(cancel("cancel: no env", (f) -> f.without("env")));
		cases.add(cancel("cancel: appid of 257 characters", (f) -> f.with("appid", TOO_LONG)));
		// set
		cases.add(set("set: non-numeric status", (f) -> f.add("status", "abc")));
		cases.add(set("set: huge status", (f) -> f.add("status", HUGE_INTEGER)));
		cases.add(set("set: non-numeric set_timestamp", (f) -> f.add("status", "2").add("set_timestamp", "abc")));
		cases.add(set("set: invalid metadata JSON", (f) -> f.add("metadata", "{bad")));
		cases.add(set("set: metadata with a non-string value", (f) -> f.add("metadata", "{\"weight\":10}")));
		cases.add(set("set: metadata over 8 KiB", (f) -> f.add("metadata", BIG_METADATA)));
		cases.add(set("set: hostname of 257 characters", (f) -> f.with("hostname", TOO_LONG).add("status", "2")));
		cases.add(set("set: no zone", (f) -> f.without("zone").add("status", "2")));
		// fetch
		cases.add(fetch("fetch: non-numeric status", (f) -> f.with("status", "abc")));
		cases.add(fetch("fetch: negative status", (f) -> f.with("status", "-1")));
		cases.add(fetch("fetch: status above uint32", (f) -> f.with("status", "4294967296")));
		cases.add(fetch("fetch: status with a plus sign", (f) -> f.with("status", "+1")));
		cases.add(fetch("fetch: appid of 257 characters", (f) -> f.with("appid", TOO_LONG)));
		cases.add(fetch("fetch: zone of 257 characters", (f) -> f.add("zone", TOO_LONG)));
		cases.add(fetch("fetch: env of 257 characters", (f) -> f.with("env", TOO_LONG)));
		cases.add(new BadRequest("fetch: no parameters", (http, appid) -> http.get(FETCH)));
		// fetchs
		cases.add(fetchs("fetchs: 1001 appids", (f) -> f.addAll("appid", appids(1001))));
		cases.add(fetchs("fetchs: non-numeric status", (f) -> f.with("status", "abc")));
		// poll
		cases.add(poll("poll: non-numeric latest_timestamp", (f) -> f.with("latest_timestamp", "abc")));
		cases.add(poll("poll: out-of-range latest_timestamp", (f) -> f.with("latest_timestamp", HUGE_INTEGER)));
		cases.add(poll("poll: hostname of 257 characters", (f) -> f.with("hostname", TOO_LONG)));
		cases.add(poll("poll: appid of 257 characters", (f) -> f.with("appid", TOO_LONG)));
		cases.add(poll("poll: no appid", (f) -> f.without("appid")));
		// polls
		cases.add(polls("polls: non-numeric latest_timestamp", (f) -> f.with("latest_timestamp", "abc")));
		cases.add(polls("polls: 1001 appids",
				(f) -> f.without("latest_timestamp")
					.addAll("appid", appids(1000))
					.addAll("latest_timestamp", Collections.nCopies(1001, "0"))));
		cases.add(polls("polls: no hostname", (f) -> f.without("hostname")));
		cases.add(polls("polls: env of 257 characters", (f) -> f.with("env", TOO_LONG)));
		// malformed encodings and over-long request lines (escapes in a query string go
		// on a raw socket: java.net.URI refuses them)
		cases.add(new BadRequest("register: binary junk form body",
				(http, appid) -> http.postBody(REGISTER, DiscoveryHttp.FORM, junk(4096))));
		cases.add(new BadRequest("set: binary junk form body",
				(http, appid) -> http.postBody(SET, DiscoveryHttp.FORM, junk(2048))));
		cases.add(new BadRequest("register: invalid percent escape in an unknown parameter", (http, appid) -> http
			.postBody(REGISTER, DiscoveryHttp.FORM, instance(appid, ZONE, "h2").encoded() + "&junk=%zz%")));
		cases.add(raw("cancel: invalid percent escape in the form body", (appid) -> RawHttp.request("POST", CANCEL,
				DiscoveryHttp.FORM, "appid=" + appid + "&env=dev&zone=sh001&hostname=h1&latest_timestamp=%%")));
		cases.add(raw("fetch: invalid percent escape in the query string",
				(appid) -> RawHttp.request("GET", FETCH + "?appid=%zz&env=dev&status=1", "", "")));
		cases.add(raw("polls: invalid percent escape in the query string", (appid) -> RawHttp.request("GET",
				POLLS + "?appid=" + appid + "&env=dev&hostname=%G1&latest_timestamp=0", "", "")));
		cases.add(raw("renew: invalid percent escape in the query string of a POST", (appid) -> RawHttp.request("POST",
				RENEW + "?appid=" + appid + "&env=dev&zone=sh001&hostname=h1%", "", "")));
		cases.add(fetchs("fetchs: 10k appids", (f) -> f.addAll("appid", appids(10_000))));
		cases.add(polls("polls: 10k appids",
				(f) -> f.without("latest_timestamp")
					.addAll("appid", appids(9_999))
					.addAll("latest_timestamp", Collections.nCopies(10_000, "0"))));
		cases.add(register("register: non-integer latest_timestamp", (f) -> f.add("latest_timestamp", "1e9")));
		return cases.stream();
	}

	static Stream<BadRequest> oddButHarmless() {
		return Stream.of(
				new BadRequest("register: invalid UTF-8 in version",
						(http, appid) -> http.postBody(REGISTER, DiscoveryHttp.FORM,
								instance(appid, ZONE, "h2").encoded() + "&version=%FF%FE%C3")),
				new BadRequest("register: JSON body",
						(http, appid) -> http.postBody(REGISTER, "application/json",
								"{\"appid\":\"" + appid + "\",\"hostname\":\"h2\"}")),
				new BadRequest("register: replication=yes",
						(http, appid) -> http.post(REGISTER,
								instance(appid, ZONE, "h2").add("replication", "yes").add("from_zone", "maybe"))),
				new BadRequest(
						"register: negative dirty_timestamp", (http, appid) -> http.post(REGISTER,
								instance(appid, ZONE, "h2").add("dirty_timestamp", "-5"))),
				new BadRequest(
						"poll: junk x1-bmspy-timeout header", (http,
								appid) -> http
									.send(http
										.request(http.uri(POLL,
												Form.of("appid", appid, "env", ENV, "hostname", "c1",
														"latest_timestamp", "0")))
										.header(TIMEOUT_HEADER, "abc")
										.GET()
										.build())),
				new BadRequest(
						"polls: negative x1-bmspy-timeout header", (http,
								appid) -> http
									.send(http
										.request(http.uri(POLLS,
												Form.of("appid", appid, "env", ENV, "hostname", "c1",
														"latest_timestamp", "0")))
										.header(TIMEOUT_HEADER, "-1")
										.GET()
										.build())),
				new BadRequest("nodes: junk parameters",
						(http, appid) -> http.get(NODES, Form.of("x", TOO_LONG, "y", "\u0000\u00ff"))),
				new BadRequest("fetch/all: junk parameters",
						(http, appid) -> http.get(FETCH_ALL, Form.of("appid", "%", "status", "abc"))));
	}

	static Stream<BadRequest> wrongRoutes() {
		return Stream.of(
				new BadRequest("DELETE /discovery/register",
						(http, appid) -> http
							.send(http.request(http.uri(REGISTER, instance(appid, ZONE, "h1"))).DELETE().build())),
				new BadRequest("PUT /discovery/set",
						(http, appid) -> http.send(http.request(http.uri(SET, new Form()))
							.header("Content-Type", DiscoveryHttp.FORM)
							.PUT(BodyPublishers.ofString("status=2"))
							.build())),
				new BadRequest("GET /discovery/fetch/all/extra", (http, appid) -> http.get(FETCH_ALL + "/extra")),
				new BadRequest("GET /discovery", (http, appid) -> http.get("/discovery")),
				new BadRequest("POST /discovery/unknown", (http, appid) -> http.post("/discovery/unknown",
						instance(appid, ZONE, "h1").with("status", "2"))));
	}

	static Stream<BadRequest> longestAccepted() {
		return Stream.of(
				new BadRequest("fetchs: exactly 1000 appids",
						(http, appid) -> http.get(FETCHS,
								Form.of("env", ENV, "status", "1").addAll("appid", appids(999)).add("appid", appid))),
				register("register: 256-character hostname", (f) -> f.with("hostname", LONGEST)),
				register("register: 256-character version and region",
						(f) -> f.add("version", LONGEST).add("region", LONGEST)),
				register("register: 32 addrs", (f) -> f.without("addrs")
					.addAll("addrs", IntStream.range(0, 32).mapToObj((i) -> "http://10.0.0." + i + ":80").toList())),
				register("register: metadata of almost 8 KiB",
						(f) -> f.add("metadata", "{\"k\":\"" + "v".repeat(8 * 1024 - 16) + "\"}")),
				new BadRequest("polls: 1000 appids",
						(http, appid) -> http.get(POLLS,
								Form.of("env", ENV, "hostname", "c1")
									.addAll("appid", appids(999))
									.add("appid", appid)
									.addAll("latest_timestamp", Collections.nCopies(1000, "0")))));
	}

	private static BadRequest register(String name, UnaryOperator<Form> change) {
		return new BadRequest(name,
				(http, appid) -> http.post(REGISTER, change.apply(instance(appid, ZONE, "h-" + name.hashCode()))));
	}

	private static BadRequest renew(String name, UnaryOperator<Form> change) {
		return new BadRequest(name, (http, appid) -> http.post(RENEW, change.apply(identityOf(appid))));
	}

	private static BadRequest cancel(String name, UnaryOperator<Form> change) {
		return new BadRequest(name, (http, appid) -> http.post(CANCEL, change.apply(identityOf(appid))));
	}

	private static BadRequest set(String name, UnaryOperator<Form> change) {
		return new BadRequest(name, (http, appid) -> http.post(SET, change.apply(identityOf(appid))));
	}

	private static BadRequest fetch(String name, UnaryOperator<Form> change) {
		return new BadRequest(name,
				(http, appid) -> http.get(FETCH, change.apply(Form.of("appid", appid, "env", ENV, "status", "1"))));
	}

	private static BadRequest fetchs(String name, UnaryOperator<Form> change) {
		return new BadRequest(name,
				(http, appid) -> http.get(FETCHS, change.apply(Form.of("appid", appid, "env", ENV, "status", "1"))));
	}

	private static BadRequest poll(String name, UnaryOperator<Form> change) {
		return new BadRequest(name, (http, appid) -> http.get(POLL,
				change.apply(Form.of("appid", appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0"))));
	}

	private static BadRequest polls(String name, UnaryOperator<Form> change) {
		return new BadRequest(name, (http, appid) -> http.get(POLLS,
				change.apply(Form.of("appid", appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0"))));
	}

	private static BadRequest raw(String name, UnaryOperator<String> request) {
		return new BadRequest(name, (http, appid) -> RawHttp.exchange(http.port(), request.apply(appid)));
	}

	private static Form identityOf(String appid) {
		return Form.of("zone", ZONE, "env", ENV, "appid", appid, "hostname", "h1");
	}

	private static List<String> appids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "a" + i).toList();
	}

	private static byte[] junk(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	/** A named malformed request sent with the test's appid. */
	record BadRequest(String name, BiFunction<DiscoveryHttp, String, Answer> send) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}

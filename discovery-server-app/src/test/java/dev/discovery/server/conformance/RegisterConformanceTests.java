package dev.discovery.server.conformance;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /discovery/register}: validation, answer shape, addrs, metadata, binding
 * rules (docs/wire-protocol.md §1.2, §3.1, §13 items 2-10, 26-28).
 */
class RegisterConformanceTests extends ConformanceTestSupport {

	@Test
	void successfulRegisterAnswersExactlyCodeMessageAndTtl() {
		// docs/wire-protocol.md §13 item 2
		assertExactly(register(instance("h1")), "{\"code\":0,\"message\":\"0\",\"ttl\":1}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "zone", "env", "appid", "hostname" })
	void registerWithoutARequiredParameterAnswersRequestErrorWithoutData(String missing) {
		// docs/wire-protocol.md §13 item 3
		Answer answer = register(instance("h1").without(missing));

		assertCode(answer, -400);
		assertThat(answer.json().has("data")).as("%s", answer).isFalse();
		assertThat(fetch(this.appid, "3").code()).isEqualTo(-404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "zone", "env", "appid", "hostname" })
	void registerWithAnEmptyRequiredParameterAnswersRequestError(String empty) {
		// docs/wire-protocol.md §13 item 3 (required strings must be non-empty, §1.2)
		assertCode(register(instance("h1").with(empty, "")), -400);
	}

	@Test
	void registerWithoutAddrsAnswersRequestError() {
		// docs/wire-protocol.md §13 item 4
		assertCode(register(instance("h1").without("addrs")), -400);
	}

	@Test
	void registerWithOnlyAnEmptyAddrsAnswersRequestError() {
		// docs/wire-protocol.md §13 item 4
		assertCode(register(instance("h1").with("addrs", "")), -400);
	}

	@Test
	void registerWithOnlyCommasInAddrsAnswersRequestError() {
		// docs/wire-protocol.md §13 item 4 with the [FIX] split of item 9: empty pieces
		// are dropped
		assertCode(register(instance("h1").with("addrs", " , ,")), -400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "abc", "+1", "1.0", "4294967297" })
	void registerWithAnInvalidStatusAnswersRequestError(String status) {
		// docs/wire-protocol.md §13 item 5 (and §1.2: the uint32 status takes no sign)
		assertCode(register(instance("h1").with("status", status)), -400);
		assertThat(fetch(this.appid, "3").code()).isEqualTo(-404);
	}

	@Test
	void registerWithoutStatusAnswersRequestError() {
		// docs/wire-protocol.md §13 item 5
		assertCode(register(instance("h1").without("status")), -400);
	}

	@Test
	void registerWithStatusThreeAnswersRequestErrorAndStoresNothing() {
		// docs/wire-protocol.md §13 item 6 [FIX D8]
		assertCode(register(instance("h1").with("status", "3")), -400);
		assertThat(fetch(this.appid, "3").code()).isEqualTo(-404);
	}

	@Test
	void registerWithSyntacticallyInvalidMetadataAnswersExactRequestError() {
		// docs/wire-protocol.md §13 item 7
		assertExactly(register(instance("h1").with("metadata", "{bad")),
				"{\"code\":-400,\"message\":\"-400\",\"ttl\":1}");
		assertThat(fetch(this.appid, "3").code()).isEqualTo(-404);
	}

	@Test
	void repeatedAddrsAreAllStoredInOrder() {
		// docs/wire-protocol.md §13 item 8
		registerOk(instance("h1").with("addrs", "http://1.1.1.1:80").add("addrs", "grpc://1.1.1.1:90"));

		assertThat(strings(stored("h1").path("addrs"))).containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90");
	}

	@Test
	void commaJoinedAddrsAreStoredAsSeparateAddresses() {
		// docs/wire-protocol.md §13 item 9 [FIX D1]
		registerOk(instance("h1").with("addrs", "http://1.1.1.1:80,grpc://1.1.1.1:90"));

		assertThat(strings(stored("h1").path("addrs"))).containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90");
	}

	@Test
	void commaJoinedAddrsAreTrimmedAndEmptyPiecesDropped() {
		// docs/wire-protocol.md §1.2 [FIX]: split on ',', trim, drop empties
		registerOk(instance("h1").with("addrs", " http://1.1.1.1:80 ,, grpc://1.1.1.1:90 ,")
			.add("addrs", "")
			.add("addrs", "http://2.2.2.2:80"));

		assertThat(strings(stored("h1").path("addrs"))).containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90",
				"http://2.2.2.2:80");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "t", "T", "true", "TRUE", "True", "yes", "on", "0", "false", "" })
	void anyReplicationValueIsAcceptedByRegister(String replication) {
		// docs/wire-protocol.md §13 item 10: unknown boolean text is silently false,
		// never an error
		assertCode(register(instance("h1").add("replication", replication)), 0);
		assertThat(stored("h1").path("hostname").stringValue()).isEqualTo("h1");
	}

	@Test
	void registerStoresRegionVersionAndMetadata() {
		// docs/wire-protocol.md §2.2
		registerOk(instance("h1").add("region", "sh")
			.add("version", "v1.2.3")
			.add("metadata", "{\"weight\":\"10\",\"cluster\":\"c1\"}"));

		JsonNode stored = stored("h1");
		assertThat(stored.path("region").stringValue()).isEqualTo("sh");
		assertThat(stored.path("version").stringValue()).isEqualTo("v1.2.3");
		assertThat(stored.path("metadata")).isEqualTo(Answer.parse("{\"weight\":\"10\",\"cluster\":\"c1\"}"));
		assertThat(stored.path("status").intValue()).isEqualTo(1);
	}

	@Test
	void registerWithStatusTwoStoresAWaitingInstance() {
		// docs/wire-protocol.md §2.3
		registerOk(instance("h1").with("status", "2"));

		assertThat(stored("h1").path("status").intValue()).isEqualTo(2);
	}

	@Test
	void nonStringMetadataValuesAreStoredAsTheirJsonText() {
		// docs/wire-protocol.md §2.2 [FIX D19]: {"weight":10} stores weight "10"
		registerOk(instance("h1").add("metadata", "{\"weight\":10,\"canary\":true,\"name\":\"x\"}"));

		assertThat(stored("h1").path("metadata"))
			.isEqualTo(Answer.parse("{\"weight\":\"10\",\"canary\":\"true\",\"name\":\"x\"}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "12", "\"x\"", "[1]", "" })
	void validJsonMetadataThatIsNotAnObjectIsAcceptedAsNoMetadata(String metadata) {
		// docs/wire-protocol.md §2.2 / §5.3: metadata=null (sent by reference peers) and
		// other non-objects are accepted
		registerOk(instance("h1").add("metadata", metadata));

		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{}"));
	}

	@Test
	void aScalarParameterGivenTwiceUsesTheFirstValue() {
		// docs/wire-protocol.md §1.2
		registerOk(instance("h1").add("hostname", "h2").add("version", "first").add("version", "second"));

		JsonNode instances = fetchData(this.appid).path("instances").path(ZONE);
		assertThat(hostnames(instances)).containsExactly("h1");
		assertThat(instances.get(0).path("version").stringValue()).isEqualTo("first");
	}

	@Test
	void unknownParametersAndColorAreIgnored() {
		// docs/wire-protocol.md §1.2, §2.2: color is not stored, never output
		registerOk(instance("h1").add("color", "red").add("whatever", "1"));

		assertThat(stored("h1").has("color")).isFalse();
	}

	@Test
	void formBodyAndQueryStringParametersAreMerged() {
		// docs/wire-protocol.md §1.2: POST parameters come from the body and the query
		// string
		Form query = Form.of("appid", this.appid, "hostname", "h1");
		Form body = instance("h1").without("appid").without("hostname");

		Answer answer = this.http.send(this.http.request(this.http.uri(REGISTER, query))
			.header("Content-Type", DiscoveryHttp.FORM)
			.POST(BodyPublishers.ofString(body.encoded()))
			.build());

		assertCode(answer, 0);
		assertThat(stored("h1").path("hostname").stringValue()).isEqualTo("h1");
	}

	@Test
	void bodyValueWinsOverQueryValueForTheSameScalarParameter() {
		// docs/wire-protocol.md §1.2: body values come first, then query values; the
		// first is used
		Form query = Form.of("version", "from-query");

		Answer answer = this.http.send(this.http.request(this.http.uri(REGISTER, query))
			.header("Content-Type", DiscoveryHttp.FORM + "; charset=UTF-8")
			.POST(BodyPublishers.ofString(instance("h1").add("version", "from-body").encoded()))
			.build());

		assertCode(answer, 0);
		assertThat(stored("h1").path("version").stringValue()).isEqualTo("from-body");
	}

	@Test
	void multipartFormDataIsBoundLikeAUrlencodedForm() {
		// docs/wire-protocol.md §1.2: multipart/form-data works too
		String boundary = "conformance-boundary";
		StringBuilder body = new StringBuilder();
		String[][] parts = { { "zone", ZONE }, { "env", ENV }, { "appid", this.appid }, { "hostname", "h1" },
				{ "status", "1" }, { "addrs", ADDR }, { "addrs", "grpc://1.1.1.1:90" } };
		for (String[] part : parts) {
			body.append("--").append(boundary).append("\r\n");
			body.append("Content-Disposition: form-data; name=\"").append(part[0]).append("\"\r\n\r\n");
			body.append(part[1]).append("\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");

		Answer answer = this.http.postBody(REGISTER, "multipart/form-data; boundary=" + boundary,
				body.toString().getBytes(StandardCharsets.UTF_8));

		assertCode(answer, 0);
		assertThat(strings(stored("h1").path("addrs"))).containsExactly(ADDR, "grpc://1.1.1.1:90");
	}

	@Test
	void eachRegisterStrictlyIncreasesTheAppLatestTimestamp() {
		// docs/wire-protocol.md §13 item 26
		registerOk(instance("h1"));
		long first = latestTimestamp(this.appid);
		registerOk(instance("h2"));
		long second = latestTimestamp(this.appid);
		registerOk(instance("h2"));
		long third = latestTimestamp(this.appid);

		assertThat(second).isGreaterThan(first);
		assertThat(third).isGreaterThan(second);
	}

	@Test
	void reRegisteringKeepsUpTimestampRenewsRegTimestampAndIncreasesLatestTimestamp() {
		// docs/wire-protocol.md §13 item 27
		registerOk(instance("h1"));
		JsonNode before = stored("h1");
		long latestBefore = latestTimestamp(this.appid);

		registerOk(instance("h1").with("addrs", "http://3.3.3.3:80"));

		JsonNode after = stored("h1");
		assertThat(after.path("up_timestamp").longValue()).isEqualTo(before.path("up_timestamp").longValue());
		assertThat(after.path("reg_timestamp").longValue()).isGreaterThan(before.path("reg_timestamp").longValue());
		assertThat(latestTimestamp(this.appid)).isGreaterThan(latestBefore);
		assertThat(strings(after.path("addrs"))).containsExactly("http://3.3.3.3:80");
	}

	@Test
	void replicatedRegisterWithAnOlderDirtyTimestampLeavesTheStoredRecordUnchanged() {
		// docs/wire-protocol.md §13 item 28
		registerOk(instance("h1").add("metadata", "{\"a\":\"1\"}"));
		JsonNode before = stored("h1");
		long olderDirty = before.path("dirty_timestamp").longValue() - 1_000_000;

		Answer answer = register(instance("h1").with("addrs", "http://9.9.9.9:99")
			.with("status", "2")
			.add("metadata", "{\"b\":\"2\"}")
			.add("replication", "true")
			.add("from_zone", "true")
			.add("dirty_timestamp", Long.toString(olderDirty)));

		assertCode(answer, 0);
		JsonNode after = stored("h1");
		assertThat(strings(after.path("addrs"))).containsExactly(ADDR);
		assertThat(after.path("status").intValue()).isEqualTo(1);
		assertThat(after.path("metadata")).isEqualTo(Answer.parse("{\"a\":\"1\"}"));
		assertThat(after.path("dirty_timestamp").longValue()).isEqualTo(before.path("dirty_timestamp").longValue());
	}

	@Test
	void staleReplicatedRegisterStillBumpsTheAppLatestTimestamp() {
		// docs/wire-protocol.md §2.5: register bumps L also when it is ignored as stale
		registerOk(instance("h1"));
		long dirty = stored("h1").path("dirty_timestamp").longValue();
		long latestBefore = latestTimestamp(this.appid);

		registerOk(instance("h1").add("replication", "true").add("dirty_timestamp", Long.toString(dirty - 1)));

		assertThat(latestTimestamp(this.appid)).isGreaterThan(latestBefore);
	}

	@Test
	void replicatedRegisterWithANewerDirtyTimestampReplacesTheRecordAndKeepsThatDirtyTimestamp() {
		// docs/wire-protocol.md §2.4, §3.1 step 5: dirty_timestamp param applied when > 0
		registerOk(instance("h1"));
		long newerDirty = stored("h1").path("dirty_timestamp").longValue() + 5_000;

		registerOk(instance("h1").with("addrs", "http://9.9.9.9:99")
			.add("replication", "true")
			.add("dirty_timestamp", Long.toString(newerDirty)));

		JsonNode after = stored("h1");
		assertThat(after.path("dirty_timestamp").longValue()).isEqualTo(newerDirty);
		assertThat(strings(after.path("addrs"))).containsExactly("http://9.9.9.9:99");
	}

	@Test
	void concurrentRegistersOfOneAppAreAllStoredAndEachMovesTheLatestTimestamp() {
		// docs/wire-protocol.md §13 item 26 under concurrency: no register is lost, L
		// moved at least once per register
		registerOk(instance("h0"));
		long before = latestTimestamp(this.appid);
		List<CompletableFuture<Answer>> registers = IntStream.rangeClosed(1, 40)
			.mapToObj((i) -> this.http.postAsync(REGISTER, instance("h" + i)))
			.toList();

		registers.forEach((register) -> assertCode(register.join(), 0));

		JsonNode info = fetchData(this.appid);
		assertThat(info.path("instances").path(ZONE).size()).isEqualTo(41);
		assertThat(info.path("latest_timestamp").longValue()).isGreaterThanOrEqualTo(before + 40);
	}

	@Test
	void int64ParametersAcceptALeadingPlusSign() {
		// docs/wire-protocol.md §1.2: int64 parameters accept an optional leading sign
		registerOk(instance("h1"));
		long newerDirty = stored("h1").path("dirty_timestamp").longValue() + 1;

		registerOk(instance("h1").add("replication", "true").add("dirty_timestamp", "+" + newerDirty));

		assertThat(stored("h1").path("dirty_timestamp").longValue()).isEqualTo(newerDirty);
	}

	@Test
	void anEmptyIntegerParameterMeansZero() {
		// docs/wire-protocol.md §1.2: an empty value means 0 (for dirty_timestamp: use
		// now)
		registerOk(instance("h1").add("dirty_timestamp", "").add("latest_timestamp", ""));

		assertThat(stored("h1").path("dirty_timestamp").longValue()).isGreaterThan(NANOS_2020);
	}

	@Test
	void sameHostnameInTwoZonesIsTwoInstances() {
		// docs/wire-protocol.md §2.1
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h1"));

		JsonNode instances = fetchData(this.appid).path("instances");
		assertThat(hostnames(instances.path(ZONE))).containsExactly("h1");
		assertThat(hostnames(instances.path(OTHER_ZONE))).containsExactly("h1");
	}

}

package dev.discovery.server.conformance;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests shaped exactly like the real clients of docs/wire-protocol.md §10 send them:
 * the Go SDK, kratos v2, brpc, the Python client and reference Go peers.
 */
class RealClientShapesConformanceTests extends ConformanceTestSupport {

	@Test
	void kratosV2RegisterWithEveryParameterInTheQueryStringAndNoBodyIsStored() {
		// docs/wire-protocol.md §10: kratos v2 POSTs with an empty body and no
		// Content-Type
		Answer answer = this.http.postQuery(REGISTER,
				instance("h1").add("region", "sh").add("version", "v2").add("metadata", "{\"weight\":\"10\"}"));

		assertExactly(answer, "{\"code\":0,\"message\":\"0\",\"ttl\":1}");
		JsonNode stored = stored("h1");
		assertThat(stored.path("version").stringValue()).isEqualTo("v2");
		assertThat(stored.path("metadata")).isEqualTo(Answer.parse("{\"weight\":\"10\"}"));
	}

	@Test
	void kratosV2RenewAndCancelWithParametersInTheQueryStringWork() {
		// docs/wire-protocol.md §10
		assertCode(this.http.postQuery(REGISTER, instance("h1")), 0);

		assertCode(this.http.postQuery(RENEW, identity("h1").add("region", "sh")), 0);
		assertCode(this.http.postQuery(CANCEL, identity("h1").add("region", "sh")), 0);
		assertCode(fetch(this.appid, "3"), -404);
	}

	@Test
	void brpcRegisterWithAnUnencodedFormBodyIsStored() {
		// docs/wire-protocol.md §10: brpc sends form values without URL-encoding
		String body = "appid=" + this.appid + "&hostname=h1&addrs=grpc://1.2.3.4:8020&status=1&zone=" + ZONE + "&env="
				+ ENV + "&region=sh&version=v1&metadata={\"weight\":\"10\"}";

		Answer answer = this.http.postBody(REGISTER, DiscoveryHttp.FORM, body);

		assertCode(answer, 0);
		JsonNode stored = stored("h1");
		assertThat(strings(stored.path("addrs"))).containsExactly("grpc://1.2.3.4:8020");
		assertThat(stored.path("metadata")).isEqualTo(Answer.parse("{\"weight\":\"10\"}"));
	}

	@Test
	void brpcRenewCancelAndNodesWithUnencodedFormBodiesWork() {
		// docs/wire-protocol.md §10: brpc register, renew, cancel and nodes work against
		// the reference
		String identity = "appid=" + this.appid + "&hostname=h1&zone=" + ZONE + "&env=" + ENV + "&region=sh";
		assertCode(this.http.postBody(REGISTER, DiscoveryHttp.FORM,
				identity + "&addrs=grpc://1.2.3.4:8020&status=1&metadata={\"weight\":\"10\"}"), 0);

		assertCode(this.http.postBody(RENEW, DiscoveryHttp.FORM, identity), 0);
		assertCode(this.http.get(NODES), 0);
		assertCode(this.http.postBody(CANCEL, DiscoveryHttp.FORM, identity), 0);
	}

	@Test
	void goSdkPollsWithRepeatedAppidsTimestampsAndTimeoutHeaderAnswersEveryApp() {
		// docs/wire-protocol.md §8.3, §10, §13 item 66 shape: repeated
		// appid/latest_timestamp pairs, no zone
		registerOk(instance("h1"));
		Form query = Form.of("env", ENV, "hostname", "go-client", "appid", "infra.discovery", "appid", this.appid,
				"latest_timestamp", "0", "latest_timestamp", "0");

		Answer answer = this.http.send(this.http.request(this.http.uri(POLLS, query))
			.header(TIMEOUT_HEADER, "40000")
			.header("User-Agent", "blademaster")
			.GET()
			.build());

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactlyInAnyOrder("infra.discovery", this.appid);
		answer.data()
			.values()
			.forEach((info) -> assertThat(info.path("latest_timestamp").longValue()).isGreaterThan(NANOS_2020));
	}

	@Test
	void goSdkRegisterWithEmptyMetadataStoresNoMetadata() {
		// docs/wire-protocol.md §13 item 67 shape: metadata is an empty string when the
		// instance has none
		registerOk(instance("h1").add("region", "sh").add("version", "").add("metadata", ""));

		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{}"));
	}

	@Test
	void goSdkSetWithStatusVersionAndMetadataAnswersOk() {
		// docs/wire-protocol.md §8.2: Set sends region, zone, env, hostname, appid,
		// version, status=1, metadata
		registerOk(instance("h1"));

		Answer answer = this.http.post(SET,
				identity("h1").add("region", "sh")
					.add("version", "v9")
					.add("status", "1")
					.add("metadata", "{\"weight\":\"20\"}"));

		assertCode(answer, 0);
		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{\"weight\":\"20\"}"));
	}

	@Test
	void referencePeerReplicatedRegisterWithCommaJoinedAddrsAndNullMetadataIsStored() {
		// docs/wire-protocol.md §5.3 receiver requirements, §13 item 60 (single-node
		// half)
		long dirty = NANOS_2020 + 42;

		Answer answer = register(Form.of("region", "sh", "zone", ZONE, "env", ENV, "appid", this.appid, "hostname",
				"h1", "addrs", "http://1.1.1.1:80,grpc://1.1.1.1:90", "status", "1", "version", "", "metadata", "null",
				"reg_timestamp", Long.toString(dirty), "dirty_timestamp", Long.toString(dirty), "latest_timestamp",
				Long.toString(dirty), "replication", "true", "from_zone", "true"));

		assertCode(answer, 0);
		JsonNode stored = stored("h1");
		assertThat(strings(stored.path("addrs"))).containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90");
		assertThat(stored.path("dirty_timestamp").longValue()).isEqualTo(dirty);
		assertThat(stored.path("metadata")).isEqualTo(Answer.parse("{}"));
	}

	@Test
	void referencePeerReplicatedSetWithRepeatedHostnamesStatusesAndMetadataIsApplied() {
		// docs/wire-protocol.md §5.3: set replication sends repeated hostname, status,
		// metadata as received
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		long setTimestamp = stored("h2").path("dirty_timestamp").longValue() + 1000;

		Answer answer = this.http.post(SET,
				Form.of("region", "sh", "zone", ZONE, "env", ENV, "appid", this.appid, "set_timestamp",
						Long.toString(setTimestamp), "from_zone", "true", "replication", "true", "hostname", "h1",
						"hostname", "h2", "status", "2", "status", "2", "metadata", "{\"a\":\"1\"}", "metadata",
						"{\"b\":\"2\"}"));

		assertCode(answer, 0);
		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{\"a\":\"1\"}"));
		assertThat(stored("h2").path("metadata")).isEqualTo(Answer.parse("{\"b\":\"2\"}"));
		assertThat(stored("h2").path("dirty_timestamp").longValue()).isEqualTo(setTimestamp);
		assertThat(stored("h1").path("status").intValue()).isEqualTo(2);
	}

	@Test
	void pythonClientRegisterWithCommaJoinedAddrsStoresEveryAddress() {
		// docs/wire-protocol.md §10: the Python client joins addrs with ','
		registerOk(instance("h1").with("addrs", "http://1.1.1.1:80,grpc://1.1.1.1:90"));

		Answer answer = fetch(this.appid, "1");

		assertThat(strings(answer.data().path("instances").path(ZONE).path(0).path("addrs")))
			.containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90");
	}

	@Test
	void pollsWithCommaJoinedAppidsAndTimestampsTreatsThemAsLists() {
		// docs/wire-protocol.md §10 extension: makes the Python client work with several
		// apps
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));

		Answer answer = this.http.get(POLLS,
				Form.of("env", ENV, "hostname", "py", "appid", this.appid + "," + second, "latest_timestamp", "0,0"));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactlyInAnyOrder(this.appid, second);
	}

	@Test
	void pollsWithCommaJoinedAppidsPairsTimestampsByPosition() {
		// docs/wire-protocol.md §10 extension: the second app is unchanged, so only the
		// first is answered
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));

		Answer answer = this.http.get(POLLS, Form.of("env", ENV, "hostname", "py", "appid", this.appid + "," + second,
				"latest_timestamp", "0," + latestTimestamp(second)));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
	}

	@Test
	void fetchsWithCommaJoinedAppidsTreatsThemAsAList() {
		// docs/wire-protocol.md §10 extension
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));

		Answer answer = this.http.get(FETCHS, Form.of("appid", this.appid + "," + second, "env", ENV, "status", "1"));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactlyInAnyOrder(this.appid, second);
	}

	@Test
	void acceptHeadersOtherThanJsonStillGetAJsonAnswer() {
		// docs/wire-protocol.md §10: every answer is HTTP 200 JSON, whatever the client's
		// Accept header says
		registerOk(instance("h1"));

		Answer answer = this.http
			.send(this.http.request(this.http.uri(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1")))
				.header("Accept", "text/html")
				.GET()
				.build());

		assertCode(answer, 0);
	}

	@Test
	void registerWithAnAcceptHeaderOtherThanJsonStillGetsAJsonAnswer() {
		// docs/wire-protocol.md §10
		Answer answer = this.http.send(this.http.request(this.http.uri(REGISTER, new Form()))
			.header("Content-Type", DiscoveryHttp.FORM)
			.header("Accept", "text/plain")
			.POST(BodyPublishers.ofString(instance("h1").encoded()))
			.build());

		assertCode(answer, 0);
	}

}

package dev.discovery.server.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /discovery/renew}, {@code /cancel} and {@code /set} (docs/wire-protocol.md
 * §2.4, §2.5, §3.2-§3.4, §13 items 10, 20-33).
 */
class RenewCancelSetConformanceTests extends ConformanceTestSupport {

	@Test
	void renewOfARegisteredInstanceAnswersTheInstanceWithAHigherRenewTimestamp() {
		// docs/wire-protocol.md §13 item 20
		registerOk(instance("h1"));
		long renewedBefore = stored("h1").path("renew_timestamp").longValue();

		Answer answer = this.http.post(RENEW, identity("h1"));

		assertCode(answer, 0);
		assertThat(answer.json().path("message").stringValue()).isEqualTo("0");
		assertThat(answer.data().path("hostname").stringValue()).isEqualTo("h1");
		assertThat(answer.data().path("appid").stringValue()).isEqualTo(this.appid);
		assertThat(answer.data().propertyNames())
			.containsExactlyInAnyOrderElementsOf(FetchConformanceTests.INSTANCE_FIELDS);
		assertThat(answer.data().path("renew_timestamp").longValue()).isGreaterThan(renewedBefore);
	}

	@Test
	void fetchAfterARenewShowsTheNewRenewTimestamp() {
		// docs/wire-protocol.md §2.4 (renew sets renew_timestamp = now), §13 item 52
		// (observed through fetch)
		registerOk(instance("h1"));

		Answer renew = this.http.post(RENEW, identity("h1"));

		assertCode(renew, 0);
		assertThat(stored("h1").path("renew_timestamp").longValue())
			.isEqualTo(renew.data().path("renew_timestamp").longValue());
	}

	@Test
	void renewOfAnUnknownAppAnswersNothingFound() {
		// docs/wire-protocol.md §13 item 21
		Answer answer = this.http.post(RENEW, identity("h1"));

		assertCode(answer, -404);
		assertThat(answer.json().path("message").stringValue()).isEqualTo("-404");
		assertThat(answer.json().path("data").isObject()).as("%s", answer).isFalse();
	}

	@Test
	void renewOfAnUnknownHostnameOfAKnownAppAnswersNothingFoundWithoutAZeroInstance() {
		// docs/wire-protocol.md §13 item 21, §3.2 [FIX D11]: data is null, not a
		// zero-valued instance
		registerOk(instance("h1"));

		Answer answer = this.http.post(RENEW, identity("h2"));

		assertCode(answer, -404);
		assertThat(answer.json().path("data").isObject()).as("%s", answer).isFalse();
	}

	@Test
	void replicatedRenewWithANewerDirtyTimestampAnswersNothingFound() {
		// docs/wire-protocol.md §13 item 22
		registerOk(instance("h1"));
		long dirty = stored("h1").path("dirty_timestamp").longValue();

		Answer answer = this.http.post(RENEW,
				identity("h1").add("replication", "true").add("dirty_timestamp", Long.toString(dirty + 1)));

		assertCode(answer, -404);
	}

	@Test
	void replicatedRenewWithAnOlderDirtyTimestampAnswersConflictWithTheStoredInstance() {
		// docs/wire-protocol.md §13 item 22
		registerOk(instance("h1"));
		long dirty = stored("h1").path("dirty_timestamp").longValue();

		Answer answer = this.http.post(RENEW,
				identity("h1").add("replication", "true").add("dirty_timestamp", Long.toString(dirty - 1)));

		assertCode(answer, -409);
		assertThat(answer.data().path("dirty_timestamp").longValue()).isEqualTo(dirty);
		assertThat(answer.data().path("hostname").stringValue()).isEqualTo("h1");
		assertThat(strings(answer.data().path("addrs"))).containsExactly(ADDR);
	}

	@Test
	void replicatedRenewWithTheSameDirtyTimestampAnswersOk() {
		// docs/wire-protocol.md §13 item 22
		registerOk(instance("h1"));
		long dirty = stored("h1").path("dirty_timestamp").longValue();

		Answer answer = this.http.post(RENEW,
				identity("h1").add("replication", "true").add("dirty_timestamp", Long.toString(dirty)));

		assertCode(answer, 0);
		assertThat(answer.data().path("dirty_timestamp").longValue()).isEqualTo(dirty);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "t", "T", "true", "TRUE", "True" })
	void replicationTrueSpellingsMakeARenewWithoutDirtyTimestampAConflict(String replication) {
		// docs/wire-protocol.md §13 item 10, §3.2: a replicated renew without
		// dirty_timestamp (D = 0) gets -409
		registerOk(instance("h1"));

		assertCode(this.http.post(RENEW, identity("h1").add("replication", replication)), -409);
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "on", "0", "f", "F", "false", "FALSE", "False", "" })
	void otherReplicationValuesAreSilentlyFalse(String replication) {
		// docs/wire-protocol.md §13 item 10: replication=yes is silently false (a client
		// renew answers 0)
		registerOk(instance("h1"));

		assertCode(this.http.post(RENEW, identity("h1").add("replication", replication)), 0);
	}

	@Test
	void renewDoesNotChangeTheAppLatestTimestamp() {
		// docs/wire-protocol.md §13 item 23
		registerOk(instance("h1"));
		long latest = latestTimestamp(this.appid);

		assertCode(this.http.post(RENEW, identity("h1")), 0);

		assertThat(latestTimestamp(this.appid)).isEqualTo(latest);
	}

	@Test
	void renewWithoutHostnameAnswersRequestError() {
		// docs/wire-protocol.md §3.2: zone, env, appid, hostname are required
		registerOk(instance("h1"));

		assertCode(this.http.post(RENEW, identity("h1").without("hostname")), -400);
	}

	@Test
	void cancelAnswersOkAndCancellingAgainAnswersNothingFound() {
		// docs/wire-protocol.md §13 item 24
		registerOk(instance("h1"));
		registerOk(instance("h2"));

		assertExactly(this.http.post(CANCEL, identity("h1")), "{\"code\":0,\"message\":\"0\",\"ttl\":1}");
		Answer again = this.http.post(CANCEL, identity("h1"));
		assertCode(again, -404);
		assertThat(again.json().path("data").isObject()).isFalse();
		assertThat(hostnames(fetchData(this.appid).path("instances").path(ZONE))).containsExactly("h2");
	}

	@Test
	void cancelWithoutZoneAnswersRequestError() {
		// docs/wire-protocol.md §3.3: zone, env, appid, hostname are required
		registerOk(instance("h1"));

		assertCode(this.http.post(CANCEL, identity("h1").without("zone")), -400);
		assertThat(stored("h1").path("hostname").stringValue()).isEqualTo("h1");
	}

	@Test
	void fetchAfterCancellingTheLastInstanceAnswersNothingFound() {
		// docs/wire-protocol.md §13 item 25
		registerOk(instance("h1"));

		assertCode(this.http.post(CANCEL, identity("h1")), 0);

		assertCode(fetch(this.appid, "3"), -404);
	}

	@Test
	void eachCancelStrictlyIncreasesTheAppLatestTimestamp() {
		// docs/wire-protocol.md §13 item 26
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		registerOk(instance("h3"));
		long before = latestTimestamp(this.appid);

		assertCode(this.http.post(CANCEL, identity("h1")), 0);
		long afterFirst = latestTimestamp(this.appid);
		assertCode(this.http.post(CANCEL, identity("h2")), 0);

		assertThat(afterFirst).isGreaterThan(before);
		assertThat(latestTimestamp(this.appid)).isGreaterThan(afterFirst);
	}

	@Test
	void changesWithinTheSameTickStillIncreaseTheAppLatestTimestampByOne() {
		// docs/wire-protocol.md §13 item 26, §2.5 bump rule: x <= L gives L + 1, else x
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		registerOk(instance("h3"));
		long future = latestTimestamp(this.appid) + 3_600_000_000_000L;

		assertCode(this.http.post(CANCEL, identity("h1").add("latest_timestamp", Long.toString(future))), 0);
		assertThat(latestTimestamp(this.appid)).isEqualTo(future);
		// the server's clock is now behind L: every further change must still move L
		// forward
		registerOk(instance("h4"));
		assertThat(latestTimestamp(this.appid)).isEqualTo(future + 1);
		assertCode(this.http.post(CANCEL, identity("h2").add("latest_timestamp", Long.toString(future))), 0);
		assertThat(latestTimestamp(this.appid)).isEqualTo(future + 2);
		assertCode(this.http.post(CANCEL, identity("h3")), 0);
		assertThat(latestTimestamp(this.appid)).isEqualTo(future + 3);
	}

	@Test
	void setStatusWaitingMovesTheInstanceFromTheUpToTheWaitingView() {
		// docs/wire-protocol.md §13 item 29
		registerOk(instance("h1"));
		registerOk(instance("h2"));

		assertExactly(this.http.post(SET, setForm("h1").add("status", "2")),
				"{\"code\":0,\"message\":\"0\",\"ttl\":1}");

		assertThat(hostnames(fetch(this.appid, "1").data().path("instances").path(ZONE))).containsExactly("h2");
		assertThat(hostnames(fetch(this.appid, "2").data().path("instances").path(ZONE))).containsExactly("h1");
		JsonNode h1 = stored("h1");
		assertThat(h1.path("status").intValue()).isEqualTo(2);
		assertThat(h1.path("dirty_timestamp").longValue()).isEqualTo(h1.path("latest_timestamp").longValue());
	}

	@Test
	void setWithTwoHostnamesAndOneStatusAnswersRequestError() {
		// docs/wire-protocol.md §13 item 30
		registerOk(instance("h1"));
		registerOk(instance("h2"));

		assertSetRefused(setForm("h1").add("hostname", "h2").add("status", "2"));
	}

	@Test
	void setWithTwoHostnamesAndOneMetadataAnswersRequestError() {
		// docs/wire-protocol.md §3.4 step 2
		registerOk(instance("h1"));
		registerOk(instance("h2"));

		assertSetRefused(setForm("h1").add("hostname", "h2").add("metadata", "{\"a\":\"1\"}"));
	}

	@Test
	void setForAnUnknownHostnameAnswersRequestError() {
		// docs/wire-protocol.md §13 item 30
		registerOk(instance("h1"));

		assertSetRefused(setForm("nope").add("status", "2"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3", "0", "-1" })
	void setWithAStatusOtherThanUpOrWaitingAnswersRequestError(String status) {
		// docs/wire-protocol.md §13 item 30
		registerOk(instance("h1"));

		assertSetRefused(setForm("h1").add("status", status));
		assertThat(stored("h1").path("status").intValue()).isEqualTo(1);
	}

	@Test
	void setWithoutHostnameAnswersRequestError() {
		// docs/wire-protocol.md §13 item 30
		registerOk(instance("h1"));

		assertSetRefused(setForm("h1").without("hostname").add("status", "2"));
	}

	@Test
	void setForAnUnknownAppAnswersRequestError() {
		// docs/wire-protocol.md §3.4 step 4
		assertSetRefused(setForm("h1").add("status", "2"));
	}

	@Test
	void setWithMetadataThatIsNotAnObjectOfStringsAnswersRequestError() {
		// docs/wire-protocol.md §3.4 step 4: {"weight":10} fails in set, unlike register
		registerOk(instance("h1").add("metadata", "{\"a\":\"1\"}"));

		assertSetRefused(setForm("h1").add("metadata", "{\"weight\":10}"));
		assertSetRefused(setForm("h1").add("metadata", "{bad"));
		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{\"a\":\"1\"}"));
	}

	@Test
	void aFailingSetChangesNoInstance() {
		// docs/wire-protocol.md §3.4 [FIX D7]: validate first, then apply all or nothing
		registerOk(instance("h1"));
		long dirty = stored("h1").path("dirty_timestamp").longValue();

		assertSetRefused(setForm("h1").add("hostname", "nope").add("status", "2").add("status", "2"));

		JsonNode h1 = stored("h1");
		assertThat(h1.path("status").intValue()).isEqualTo(1);
		assertThat(h1.path("dirty_timestamp").longValue()).isEqualTo(dirty);
	}

	@Test
	void setMergesMetadataIntoTheExistingMap() {
		// docs/wire-protocol.md §13 item 31
		registerOk(instance("h1").add("metadata", "{\"a\":\"1\"}"));

		assertCode(this.http.post(SET, setForm("h1").add("metadata", "{\"b\":\"2\"}")), 0);

		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{\"a\":\"1\",\"b\":\"2\"}"));
		assertThat(stored("h1").path("status").intValue()).isEqualTo(1);
	}

	@Test
	void setWithNullMetadataClearsTheMetadata() {
		// docs/wire-protocol.md §3.4 step 4: null is accepted and clears the map
		registerOk(instance("h1").add("metadata", "{\"a\":\"1\"}"));

		assertCode(this.http.post(SET, setForm("h1").add("metadata", "null")), 0);

		assertThat(stored("h1").path("metadata")).isEqualTo(Answer.parse("{}"));
	}

	@Test
	void setOfSeveralHostnamesPairsStatusesByPosition() {
		// docs/wire-protocol.md §3.4: exactly one status per hostname, in order
		registerOk(instance("h1"));
		registerOk(instance("h2").with("status", "2"));

		assertCode(this.http.post(SET, setForm("h1").add("hostname", "h2").add("status", "2").add("status", "1")), 0);

		assertThat(stored("h1").path("status").intValue()).isEqualTo(2);
		assertThat(stored("h2").path("status").intValue()).isEqualTo(1);
	}

	@Test
	void setStatusIsAnInt64ListThatAcceptsASign() {
		// docs/wire-protocol.md §1.2: set's status is a list of int64, so +2 is accepted
		// there
		registerOk(instance("h1"));

		assertCode(this.http.post(SET, setForm("h1").add("status", "+2")), 0);

		assertThat(stored("h1").path("status").intValue()).isEqualTo(2);
	}

	@Test
	void setWithStatusUpAndASetTimestampWritesThatTimestamp() {
		// docs/wire-protocol.md §13 item 32, sent as a server node: a plain client's
		// set_timestamp is ignored (docs/cluster.md, "Trust boundary")
		registerOk(instance("h1").with("status", "2"));
		long setTimestamp = stored("h1").path("dirty_timestamp").longValue() + 777;

		assertCode(this.http.post(SET,
				setForm("h1").add("status", "1")
					.add("set_timestamp", Long.toString(setTimestamp))
					.add("replication", "true")),
				0);

		JsonNode h1 = stored("h1");
		assertThat(h1.path("status").intValue()).isEqualTo(1);
		assertThat(h1.path("up_timestamp").longValue()).isEqualTo(setTimestamp);
		assertThat(h1.path("dirty_timestamp").longValue()).isEqualTo(setTimestamp);
		assertThat(h1.path("latest_timestamp").longValue()).isEqualTo(setTimestamp);
	}

	@Test
	void setWithStatusWaitingKeepsTheUpTimestamp() {
		// docs/wire-protocol.md §2.4: up_timestamp changes only when the new status is 1
		registerOk(instance("h1"));
		long up = stored("h1").path("up_timestamp").longValue();

		assertCode(this.http.post(SET, setForm("h1").add("status", "2")), 0);

		assertThat(stored("h1").path("up_timestamp").longValue()).isEqualTo(up);
	}

	@Test
	void successfulSetStrictlyIncreasesTheAppLatestTimestamp() {
		// docs/wire-protocol.md §13 item 33 [FIX D6]
		registerOk(instance("h1"));
		long before = latestTimestamp(this.appid);

		assertCode(this.http.post(SET, setForm("h1").add("metadata", "{\"b\":\"2\"}")), 0);
		long afterFirst = latestTimestamp(this.appid);
		// an old set_timestamp (replicated from a peer with a slow clock) still moves L
		// forward
		assertCode(
				this.http.post(SET, setForm("h1").add("status", "2").add("set_timestamp", Long.toString(NANOS_2020))),
				0);

		assertThat(afterFirst).isGreaterThan(before);
		assertThat(latestTimestamp(this.appid)).isGreaterThan(afterFirst);
	}

	@Test
	void failedSetDoesNotChangeTheAppLatestTimestamp() {
		// docs/wire-protocol.md §3.4 [FIX D7]: nothing applied, nobody woken
		registerOk(instance("h1"));
		long before = latestTimestamp(this.appid);

		assertSetRefused(setForm("nope").add("status", "2"));

		assertThat(latestTimestamp(this.appid)).isEqualTo(before);
	}

	private Form setForm(String hostname) {
		return Form.of("zone", ZONE, "env", ENV, "appid", this.appid, "hostname", hostname);
	}

	private void assertSetRefused(Form form) {
		Answer answer = this.http.post(SET, form);
		assertCode(answer, -400);
		assertThat(answer.json().path("ttl").intValue()).isEqualTo(1);
		assertThat(answer.json().has("data")).as("%s", answer).isFalse();
	}

}

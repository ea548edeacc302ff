package dev.discovery.server.conformance;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /discovery/fetch} and {@code GET /discovery/fetchs} (docs/wire-protocol.md
 * §2.2, §2.6, §3.5, §3.6, §13 items 11-19).
 */
class FetchConformanceTests extends ConformanceTestSupport {

	static final List<String> INSTANCE_FIELDS = List.of("region", "zone", "env", "appid", "hostname", "addrs",
			"version", "metadata", "status", "reg_timestamp", "up_timestamp", "renew_timestamp", "dirty_timestamp",
			"latest_timestamp");

	static final List<String> TIMESTAMP_FIELDS = List.of("reg_timestamp", "up_timestamp", "renew_timestamp",
			"dirty_timestamp", "latest_timestamp");

	@Test
	void fetchReturnsTheInstanceWithAllFourteenFieldsAndNoColor() {
		// docs/wire-protocol.md §13 item 11
		registerOk(instance("h1").add("region", "sh").add("version", "v1").add("color", "red"));

		Answer answer = fetch(this.appid, "1");

		assertCode(answer, 0);
		JsonNode instance = answer.data().path("instances").path(ZONE).path(0);
		assertThat(instance.propertyNames()).containsExactlyInAnyOrderElementsOf(INSTANCE_FIELDS);
		assertThat(instance.path("region").stringValue()).isEqualTo("sh");
		assertThat(instance.path("zone").stringValue()).isEqualTo(ZONE);
		assertThat(instance.path("env").stringValue()).isEqualTo(ENV);
		assertThat(instance.path("appid").stringValue()).isEqualTo(this.appid);
		assertThat(instance.path("hostname").stringValue()).isEqualTo("h1");
		assertThat(instance.path("version").stringValue()).isEqualTo("v1");
		assertThat(instance.path("status").isIntegralNumber()).isTrue();
		assertThat(instance.path("status").intValue()).isEqualTo(1);
	}

	@Test
	void fetchAnswerHasCodeMessageTtlAndData() {
		// docs/wire-protocol.md §1.3 standard envelope
		registerOk(instance("h1"));

		Answer answer = fetch(this.appid, "1");

		assertCode(answer, 0);
		assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder("code", "message", "ttl", "data");
		assertThat(answer.json().path("message").stringValue()).isEqualTo("0");
		assertThat(answer.json().path("ttl").intValue()).isEqualTo(1);
		assertThat(answer.data().propertyNames()).containsExactlyInAnyOrder("instances", "latest_timestamp");
	}

	@Test
	void metadataIsAnEmptyObjectAndAddrsAnArrayWhenRegisteredWithoutMetadata() {
		// docs/wire-protocol.md §13 item 12
		registerOk(instance("h1"));

		JsonNode instance = fetch(this.appid, "1").data().path("instances").path(ZONE).path(0);

		assertThat(instance.path("metadata").isObject()).as("metadata %s", instance).isTrue();
		assertThat(instance.path("metadata").size()).isZero();
		assertThat(instance.path("addrs").isArray()).isTrue();
		assertThat(strings(instance.path("addrs"))).containsExactly(ADDR);
	}

	@Test
	void latestTimestampIsAnIntegerInNanoseconds() {
		// docs/wire-protocol.md §13 item 13
		registerOk(instance("h1"));

		JsonNode latest = fetch(this.appid, "1").data().path("latest_timestamp");

		assertThat(latest.isIntegralNumber()).as("latest_timestamp %s", latest).isTrue();
		assertThat(latest.longValue()).isGreaterThan(1_000_000_000_000_000_000L);
	}

	@Test
	void everyInstanceTimestampIsAnIntegerInNanoseconds() {
		// docs/wire-protocol.md §2.2, §14: timestamps are int64 nanoseconds, never
		// doubles or strings
		registerOk(instance("h1"));

		JsonNode instance = fetch(this.appid, "1").data().path("instances").path(ZONE).path(0);

		for (String field : TIMESTAMP_FIELDS) {
			JsonNode value = instance.path(field);
			assertThat(value.isIntegralNumber()).as("%s = %s", field, value).isTrue();
			assertThat(value.longValue()).as(field).isGreaterThan(NANOS_2020);
		}
	}

	@Test
	void fetchOfAnUnknownAppidAnswersNothingFoundWithNullData() {
		// docs/wire-protocol.md §13 item 14
		assertExactly(fetch(this.appid, "1"), "{\"code\":-404,\"message\":\"-404\",\"ttl\":1,\"data\":null}");
	}

	@Test
	void fetchOfAnUnknownZoneOfAKnownAppAnswersNothingFoundWithEmptyInstances() {
		// docs/wire-protocol.md §13 item 15
		registerOk(instance("h1"));

		Answer answer = this.http.get(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1", "zone", "nope"));

		assertCode(answer, -404);
		assertThat(answer.data().path("instances").isObject()).as("%s", answer).isTrue();
		assertThat(answer.data().path("instances").size()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0" })
	void fetchWithoutStatusAnswersRequestError(String status) {
		// docs/wire-protocol.md §13 item 16
		registerOk(instance("h1"));

		assertCode(fetch(this.appid, status), -400);
		assertCode(this.http.get(FETCH, Form.of("appid", this.appid, "env", ENV)), -400);
	}

	@Test
	void fetchWithoutEnvAnswersRequestError() {
		// docs/wire-protocol.md §13 item 16
		registerOk(instance("h1"));

		assertCode(this.http.get(FETCH, Form.of("appid", this.appid, "status", "1")), -400);
	}

	@Test
	void fetchWithoutAppidAnswersRequestError() {
		// docs/wire-protocol.md §3.5: appid is required
		assertCode(this.http.get(FETCH, Form.of("env", ENV, "status", "1")), -400);
	}

	@Test
	void fetchOfWaitingInstancesOfAnAllUpAppAnswersAnEmptyZoneList() {
		// docs/wire-protocol.md §13 item 17
		registerOk(instance("h1"));

		Answer answer = fetch(this.appid, "2");

		assertCode(answer, 0);
		JsonNode zone = answer.data().path("instances").path(ZONE);
		assertThat(zone.isArray()).as("%s", answer).isTrue();
		assertThat(zone.size()).isZero();
	}

	@Test
	void fetchWithStatusThreeReturnsWaitingAndUpInstances() {
		// docs/wire-protocol.md §13 item 17
		registerOk(instance("up"));
		registerOk(instance("waiting").with("status", "2"));

		assertThat(hostnames(fetch(this.appid, "3").data().path("instances").path(ZONE)))
			.containsExactlyInAnyOrder("up", "waiting");
		assertThat(hostnames(fetch(this.appid, "1").data().path("instances").path(ZONE))).containsExactly("up");
		assertThat(hostnames(fetch(this.appid, "2").data().path("instances").path(ZONE))).containsExactly("waiting");
	}

	@Test
	void statusIsABitMask() {
		// docs/wire-protocol.md §2.3: 4 matches nothing (code 0, empty lists), 5 behaves
		// like 1
		registerOk(instance("up"));
		registerOk(instance("waiting").with("status", "2"));

		Answer four = fetch(this.appid, "4");
		assertCode(four, 0);
		assertThat(four.data().path("instances").path(ZONE).size()).isZero();
		assertThat(hostnames(fetch(this.appid, "5").data().path("instances").path(ZONE))).containsExactly("up");
	}

	@Test
	void fetchWithoutZoneReturnsEveryZoneBucketAsItsOwnKey() {
		// docs/wire-protocol.md §13 item 18
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));

		JsonNode instances = fetch(this.appid, "1").data().path("instances");

		assertThat(instances.propertyNames()).containsExactlyInAnyOrder(ZONE, OTHER_ZONE);
		assertThat(hostnames(instances.path(ZONE))).containsExactly("h1");
		assertThat(hostnames(instances.path(OTHER_ZONE))).containsExactly("h2");
	}

	@Test
	void fetchWithAnEmptyZoneReturnsEveryZoneBucket() {
		// docs/wire-protocol.md §3.5: zone absent or empty = all zones
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));

		Answer answer = this.http.get(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1", "zone", ""));

		assertCode(answer, 0);
		assertThat(answer.data().path("instances").propertyNames()).containsExactlyInAnyOrder(ZONE, OTHER_ZONE);
	}

	@Test
	void fetchWithZoneReturnsOnlyThatBucket() {
		// docs/wire-protocol.md §2.6
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));

		Answer answer = this.http.get(FETCH,
				Form.of("appid", this.appid, "env", ENV, "status", "1", "zone", OTHER_ZONE));

		assertCode(answer, 0);
		assertThat(answer.data().path("instances").propertyNames()).containsExactly(OTHER_ZONE);
	}

	@Test
	void fetchOfAnotherEnvDoesNotSeeTheApp() {
		// docs/wire-protocol.md §2.1: an app is the pair (appid, env)
		registerOk(instance("h1"));

		assertCode(this.http.get(FETCH, Form.of("appid", this.appid, "env", "uat", "status", "1")), -404);
	}

	@Test
	void fetchsReturnsKnownAppidsOnlyAndOmitsUnknownOnes() {
		// docs/wire-protocol.md §13 item 19
		registerOk(instance("h1"));
		String unknown = otherAppid("unknown");

		Answer answer = this.http.get(FETCHS,
				Form.of("appid", this.appid, "appid", unknown, "env", ENV, "status", "1"));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
		assertThat(answer.data().path(this.appid).path("latest_timestamp").longValue())
			.isEqualTo(latestTimestamp(this.appid));
	}

	@Test
	void fetchsOfOnlyUnknownAppidsAnswersAnEmptyDataObject() {
		// docs/wire-protocol.md §13 item 19
		Answer answer = this.http.get(FETCHS,
				Form.of("appid", otherAppid("u1"), "appid", otherAppid("u2"), "env", ENV, "status", "1"));

		assertExactly(answer, "{\"code\":0,\"message\":\"0\",\"ttl\":1,\"data\":{}}");
	}

	@Test
	void fetchsOmitsAppsWhoseZoneBucketIsAbsent() {
		// docs/wire-protocol.md §3.6: failed ones (unknown app or zone) are silently
		// omitted
		String second = otherAppid("b");
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(second, OTHER_ZONE, "h2"));

		Answer answer = this.http.get(FETCHS,
				Form.of("appid", this.appid, "appid", second, "env", ENV, "status", "1", "zone", ZONE));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
	}

	@Test
	void fetchsWithoutStatusAnswersRequestError() {
		// docs/wire-protocol.md §3.6: params as fetch
		registerOk(instance("h1"));

		assertCode(this.http.get(FETCHS, Form.of("appid", this.appid, "env", ENV)), -400);
	}

	@Test
	void fetchsWithoutAppidAnswersRequestError() {
		// docs/wire-protocol.md §3.6: appid is a required list (>= 1)
		assertCode(this.http.get(FETCHS, Form.of("env", ENV, "status", "1")), -400);
		assertCode(this.http.get(FETCHS, Form.of("appid", "", "env", ENV, "status", "1")), -400);
	}

	@Test
	void fetchsDropsEmptyAppidOccurrences() {
		// docs/wire-protocol.md §1.2: appid=&appid=b -> [b]
		registerOk(instance("h1"));

		Answer answer = this.http.get(FETCHS, Form.of("appid", "", "appid", this.appid, "env", ENV, "status", "1"));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
	}

	@Test
	void fetchAnswerHasNoSchedulerKeyWhenNoSchedulerIsConfigured() {
		// docs/wire-protocol.md §13 item 65 (the "without one the key is absent" half)
		registerOk(instance("h1"));

		assertThat(fetch(this.appid, "1").data().has("scheduler")).isFalse();
	}

}

package dev.discovery.server.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /discovery/polls} answers that come at once (docs/wire-protocol.md §3.8,
 * §4.1, §13 items 42-44). Held polls are in {@link LongPollConformanceTests}.
 */
class PollsConformanceTests extends ConformanceTestSupport {

	@Test
	void pollsWithTwoAppidsAndOneTimestampAnswersExactRequestError() {
		// docs/wire-protocol.md §13 item 42
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));

		Answer answer = this.http.get(POLLS,
				Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1", "latest_timestamp", "0"));

		assertExactly(answer, "{\"code\":-400,\"message\":\"-400\",\"ttl\":1}");
	}

	@Test
	void pollsWithoutHostnameAnswersRequestError() {
		// docs/wire-protocol.md §3.8: hostname is required
		registerOk(instance("h1"));

		assertCode(this.http.get(POLLS, Form.of("appid", this.appid, "env", ENV, "latest_timestamp", "0")), -400);
	}

	@Test
	void pollsWithoutEnvAnswersRequestError() {
		// docs/wire-protocol.md §3.8: env is required
		registerOk(instance("h1"));

		assertCode(this.http.get(POLLS, Form.of("appid", this.appid, "hostname", "c1", "latest_timestamp", "0")), -400);
	}

	@Test
	void pollsOfTwoKnownAppidsAtTimestampZeroAnswersAtOnceWithAMapEnvelope() {
		// docs/wire-protocol.md §13 item 43
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));

		Answer answer = this.http.get(POLLS, Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1",
				"latest_timestamp", "0", "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder("code", "message", "data", "error");
		assertThat(answer.json().path("message").stringValue()).isEqualTo("0");
		assertThat(answer.json().path("error")).isEqualTo(Answer.parse("{\"-404\":null}"));
		assertThat(answer.data().propertyNames()).containsExactlyInAnyOrder(this.appid, second);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
		assertThat(hostnames(answer.data().path(second).path("instances").path(ZONE))).containsExactly("h2");
		assertThat(answer.data().path(this.appid).path("latest_timestamp").longValue())
			.isEqualTo(latestTimestamp(this.appid));
	}

	@Test
	void pollsOfAKnownAndAnUnknownAppidListsTheUnknownOneUnderError() {
		// docs/wire-protocol.md §13 item 44
		String unknown = otherAppid("unknown");
		registerOk(instance("h1"));

		Answer answer = this.http.get(POLLS, Form.of("appid", this.appid, "appid", unknown, "env", ENV, "hostname",
				"c1", "latest_timestamp", "0", "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.json().has("ttl")).isFalse();
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
		assertThat(answer.json().path("error")).isEqualTo(Answer.parse("{\"-404\":[\"" + unknown + "\"]}"));
	}

	@Test
	void pollsAnswersOnlyTheChangedAppids() {
		// docs/wire-protocol.md §3.8: data contains only the changed appids
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		long secondLatest = latestTimestamp(second);

		Answer answer = this.http.get(POLLS, Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1",
				"latest_timestamp", "0", "latest_timestamp", Long.toString(secondLatest)));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
	}

	@Test
	void pollsWithAZoneFilterWhoseBucketIsAbsentReportsTheAppidAsMissing() {
		// docs/wire-protocol.md §4.1: zone bucket absent while the client timestamp is
		// older than L -> missing
		String second = otherAppid("b");
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(second, OTHER_ZONE, "h2"));

		Answer answer = this.http.get(POLLS, Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1",
				"zone", ZONE, "latest_timestamp", "0", "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.data().propertyNames()).containsExactly(this.appid);
		assertThat(answer.data().path(this.appid).path("instances").propertyNames()).containsExactly(ZONE);
		assertThat(answer.json().path("error")).isEqualTo(Answer.parse("{\"-404\":[\"" + second + "\"]}"));
	}

	@Test
	void pollsAnswerTimestampsAreNeverZero() {
		// docs/wire-protocol.md §10: Go clients treat latest_timestamp 0 in a polls
		// answer as a server error
		registerOk(instance("h1"));

		Answer answer = this.http.get(POLLS,
				Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.data().path(this.appid).path("latest_timestamp").longValue()).isGreaterThan(NANOS_2020);
		assertThat(answer.data()
			.path(this.appid)
			.path("instances")
			.path(ZONE)
			.path(0)
			.path("latest_timestamp")
			.longValue()).isGreaterThan(NANOS_2020);
	}

}

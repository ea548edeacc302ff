package dev.discovery.server.conformance;

import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.AppKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /discovery/poll} answers that come at once (docs/wire-protocol.md §3.7,
 * §4.1, §13 items 34, 35, 37). Held polls are in {@link LongPollConformanceTests}.
 */
class PollConformanceTests extends ConformanceTestSupport {

	@Autowired
	private PollHub hub;

	@Test
	void pollWithoutHostnameAnswersRequestError() {
		// docs/wire-protocol.md §13 item 34
		registerOk(instance("h1"));

		assertCode(this.http.get(POLL, Form.of("appid", this.appid, "env", ENV, "latest_timestamp", "0")), -400);
	}

	@Test
	void pollWithoutEnvOrAppidAnswersRequestError() {
		// docs/wire-protocol.md §3.7: appid (>= 1) and env are required
		registerOk(instance("h1"));

		assertCode(this.http.get(POLL, Form.of("appid", this.appid, "hostname", "c1", "latest_timestamp", "0")), -400);
		assertCode(this.http.get(POLL, Form.of("env", ENV, "hostname", "c1", "latest_timestamp", "0")), -400);
	}

	@Test
	void pollAtTimestampZeroAnswersAtOnceWithOnlyUpInstances() {
		// docs/wire-protocol.md §13 item 35
		registerOk(instance("up"));
		registerOk(instance("waiting").with("status", "2"));

		Answer answer = poll(this.appid, "0");

		assertCode(answer, 0);
		assertThat(answer.json().path("ttl").intValue()).isEqualTo(1);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("up");
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latestTimestamp(this.appid));
	}

	@Test
	void pollOfAnAppWhoseInstancesAreAllWaitingShowsTheZoneAsAnEmptyList() {
		// docs/wire-protocol.md §4.5: zones whose instances are all WAITING appear as []
		registerOk(instance("waiting").with("status", "2"));

		Answer answer = poll(this.appid, "0");

		assertCode(answer, 0);
		assertThat(answer.data().path("instances").path(ZONE).isArray()).as("%s", answer).isTrue();
		assertThat(answer.data().path("instances").path(ZONE).size()).isZero();
	}

	@Test
	void pollWithAnOlderTimestampAnswersAtOnce() {
		// docs/wire-protocol.md §4.1: client timestamp older than L -> changed
		registerOk(instance("h1"));
		long latest = latestTimestamp(this.appid);

		Answer answer = poll(this.appid, Long.toString(latest - 1));

		assertCode(answer, 0);
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latest);
	}

	@Test
	void pollWithoutLatestTimestampIsTreatedAsTimestampZero() {
		// docs/wire-protocol.md §3.7: a count different from the appid count treats all
		// as 0
		registerOk(instance("h1"));

		Answer answer = this.http.get(POLL, Form.of("appid", this.appid, "env", ENV, "hostname", "c1"));

		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void pollOfAnUnknownAppidAnswersNotFoundAtOnceWithoutTtl() {
		// docs/wire-protocol.md §13 item 37
		Answer answer = poll(this.appid, "0");

		assertExactly(answer, "{\"code\":-404,\"message\":\"" + this.appid + " not found\"}");
	}

	@Test
	void pollWithAZoneFilterWhoseBucketIsAbsentAnswersNotFound() {
		// docs/wire-protocol.md §3.7 / §4.1: zone bucket absent while the client
		// timestamp is older than L
		registerOk(instance("h1"));

		Answer answer = this.http.get(POLL, Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "zone",
				OTHER_ZONE, "latest_timestamp", "0"));

		assertExactly(answer, "{\"code\":-404,\"message\":\"" + this.appid + " not found\"}");
	}

	@Test
	void pollWithAZoneFilterAnswersOnlyThatBucket() {
		// docs/wire-protocol.md §3.7 zone filter
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));

		Answer answer = this.http.get(POLL, Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "zone",
				OTHER_ZONE, "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.data().path("instances").propertyNames()).containsExactly(OTHER_ZONE);
	}

	@Test
	void repeatedNotFoundPollsDoNotSlowDownALaterRegister() {
		// docs/wire-protocol.md §11 D4: a -404 poll must not leave a watcher behind
		for (int i = 0; i < 12; i++) {
			assertCode(poll(this.appid, "0"), -404);
		}
		assertThat(this.hub.parkedCount(new AppKey(ENV, this.appid))).isZero();

		registerOk(instance("h1"));
		JsonNode data = poll(this.appid, "0").data();
		assertThat(hostnames(data.path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void pollAnswerHasNoSchedulerKeyWhenNoSchedulerIsConfigured() {
		// docs/wire-protocol.md §13 item 65 (the "without one the key is absent" half)
		registerOk(instance("h1"));

		assertThat(poll(this.appid, "0").data().has("scheduler")).isFalse();
	}

	private Answer poll(String appid, String latestTimestamp) {
		return this.http.get(POLL,
				Form.of("appid", appid, "env", ENV, "hostname", "c1", "latest_timestamp", latestTimestamp));
	}

}

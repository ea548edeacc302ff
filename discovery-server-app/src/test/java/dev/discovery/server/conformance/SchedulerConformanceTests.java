package dev.discovery.server.conformance;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zone scheduler attached to the InstanceInfo of an app that has a scheduler file
 * (docs/wire-protocol.md §7.1, §13 item 65). The shared server loads
 * {@code src/test/resources/conformance/scheduler/conf-scheduled.json}.
 */
class SchedulerConformanceTests extends ConformanceTestSupport {

	private static final String SCHEDULED = "conf.scheduled";

	private static final JsonNode EXPECTED = Answer
		.parse("{\"clients\":{\"sh001\":{\"zones\":{\"sh001\":{\"weight\":3},"
				+ "\"sh002\":{\"weight\":1}}}},\"remark\":\"\"}");

	@Test
	void fetchPollPollsAndFetchsOfAScheduledAppCarryTheSchedulerInObjectForm() {
		// docs/wire-protocol.md §13 item 65
		registerOk(instance(SCHEDULED, ZONE, "h-" + this.appid));

		Form fetchQuery = Form.of("appid", SCHEDULED, "env", ENV, "status", "1");
		Form pollQuery = Form.of("appid", SCHEDULED, "env", ENV, "hostname", "c1", "latest_timestamp", "0");
		List<JsonNode> infos = List.of(this.http.get(FETCH, fetchQuery).data(),
				this.http.get(FETCHS, fetchQuery).data().path(SCHEDULED), this.http.get(POLL, pollQuery).data(),
				this.http.get(POLLS, pollQuery).data().path(SCHEDULED));

		assertThat(infos).allSatisfy((info) -> assertThat(info.path("scheduler")).isEqualTo(EXPECTED));
	}

	@Test
	void schedulerOfAnotherEnvIsNotAttached() {
		// docs/wire-protocol.md §7.1: entries are stored under (app_id, env)
		registerOk(instance(SCHEDULED, ZONE, "h-" + this.appid).with("env", "uat"));

		JsonNode info = this.http.get(FETCH, Form.of("appid", SCHEDULED, "env", "uat", "status", "1")).data();

		assertThat(info.has("scheduler")).as("%s", info).isFalse();
	}

	@Test
	void appWithoutSchedulerFileHasNoSchedulerKey() {
		// docs/wire-protocol.md §13 item 65
		registerOk(instance("h1"));

		JsonNode info = this.http.get(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1")).data();

		assertThat(info.has("scheduler")).isFalse();
	}

}

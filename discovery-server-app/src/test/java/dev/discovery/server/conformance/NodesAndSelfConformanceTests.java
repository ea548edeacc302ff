package dev.discovery.server.conformance;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /discovery/nodes}, {@code GET /discovery/fetch/all} and the server's own
 * {@code infra.discovery} instance (docs/wire-protocol.md §3.9, §3.10, §5.10, §13 items
 * 49-51).
 */
class NodesAndSelfConformanceTests extends ConformanceTestSupport {

	private static final String SELF_APPID = "infra.discovery";

	@Test
	void nodesListsThisServerAsAnUpNodeOfItsZone() {
		// docs/wire-protocol.md §13 item 49
		Answer answer = this.http.get(NODES);

		assertCode(answer, 0);
		assertThat(answer.json().path("message").stringValue()).isEqualTo("0");
		assertThat(answer.json().path("ttl").intValue()).isEqualTo(1);
		assertThat(answer.data().isArray()).as("%s", answer).isTrue();
		assertThat(answer.data().values()).contains(
				Answer.parse("{\"addr\":\"127.0.0.1:" + this.port + "\",\"status\":0,\"zone\":\"" + ZONE + "\"}"));
	}

	@Test
	void fetchAllAnswersEveryAppWithItsInstancesIncludingTheServerItself() {
		// docs/wire-protocol.md §13 item 50
		registerOk(instance("h1"));

		Answer answer = this.http.get(FETCH_ALL);

		assertCode(answer, 0);
		assertThat(answer.data().isObject()).as("%s", answer).isTrue();
		assertThat(answer.data().path(SELF_APPID).isArray()).isTrue();
		assertThat(hostnames(answer.data().path(SELF_APPID))).contains("test1");
		JsonNode own = answer.data().path(this.appid);
		assertThat(hostnames(own)).containsExactly("h1");
		assertThat(own.path(0).path("zone").stringValue()).isEqualTo(ZONE);
		assertThat(own.path(0).path("env").stringValue()).isEqualTo(ENV);
		assertThat(own.path(0).propertyNames())
			.containsExactlyInAnyOrderElementsOf(FetchConformanceTests.INSTANCE_FIELDS);
	}

	@Test
	void fetchAllListsInstancesOfEveryEnvAndZoneOfAnAppidInOneList() {
		// docs/wire-protocol.md §3.10: instances of several envs share one list
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));
		registerOk(instance(this.appid, ZONE, "h3").with("env", "uat"));

		JsonNode own = this.http.get(FETCH_ALL).data().path(this.appid);

		assertThat(hostnames(own)).containsExactlyInAnyOrder("h1", "h2", "h3");
		assertThat(own.valueStream().map((instance) -> instance.path("env").stringValue()))
			.containsExactlyInAnyOrder(ENV, ENV, "uat");
	}

	@Test
	void fetchAllIncludesWaitingInstances() {
		// docs/wire-protocol.md §3.10: every instance
		registerOk(instance("h1").with("status", "2"));

		assertThat(hostnames(this.http.get(FETCH_ALL).data().path(this.appid))).containsExactly("h1");
	}

	@Test
	void serverRegistersItselfAsInfraDiscoveryAtStartup() {
		// docs/wire-protocol.md §13 item 51
		Answer answer = this.http.get(FETCH, Form.of("appid", SELF_APPID, "env", ENV, "status", "1"));

		assertCode(answer, 0);
		JsonNode self = answer.data().path("instances").path(ZONE);
		assertThat(hostnames(self)).containsExactly("test1");
		assertThat(strings(self.path(0).path("addrs"))).containsExactly("http://127.0.0.1:" + this.port);
		assertThat(self.path(0).path("region").stringValue()).isEqualTo("sh");
		assertThat(self.path(0).path("status").intValue()).isEqualTo(1);
		assertThat(self.path(0).path("appid").stringValue()).isEqualTo(SELF_APPID);
	}

	@Test
	void pollsForInfraDiscoveryAtTimestampZeroAnswersTheServerAtOnce() {
		// docs/wire-protocol.md §5.10, §8.3: Go clients block at start-up until this
		// answer arrives
		Answer answer = this.http.get(POLLS,
				Form.of("appid", SELF_APPID, "env", ENV, "hostname", "client-host", "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(strings(answer.data().path(SELF_APPID).path("instances").path(ZONE).path(0).path("addrs")))
			.containsExactly("http://127.0.0.1:" + this.port);
	}

}

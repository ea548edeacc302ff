package dev.discovery.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /discovery/catalog}, this server's extension (docs/protocol.md, "Catalog
 * watch"): the app list of an env, held until it changes. Each test uses an env of its
 * own, as the list spans every app of an env.
 */
class CatalogWatchTests extends ConformanceTestSupport {

	private static final String CATALOG = "/discovery/catalog";

	private String env;

	@BeforeEach
	void ownEnv(TestInfo testInfo) {
		this.env = uniqueAppid(testInfo).replace("conf.", "env.");
	}

	@Test
	void watchWithAnotherVersionAnswersTheAppsOfTheEnvAtOnce() {
		registerOk(instanceIn(this.appid, "h1"));
		registerOk(instanceIn(otherAppid("b"), "h1"));

		Answer answer = this.http.get(CATALOG, Form.of("env", this.env, "version", "0"));

		assertCode(answer, 0);
		assertThat(apps(answer.data())).containsExactly(this.appid, otherAppid("b"));
		assertThat(answer.data().path("version").longValue()).isPositive();
	}

	@Test
	void heldWatchIsAnsweredWhenTheFirstInstanceOfANewAppRegisters() throws Exception {
		registerOk(instanceIn(this.appid, "h1"));
		long version = version();
		CompletableFuture<Answer> held = this.http.getAsync(CATALOG,
				Form.of("env", this.env, "version", Long.toString(version)));

		registerOk(instanceIn(this.appid, "h2"));
		registerOk(instanceIn(otherAppid("new"), "h1"));

		Answer answer = held.get();
		assertCode(answer, 0);
		assertThat(apps(answer.data())).containsExactlyInAnyOrder(this.appid, otherAppid("new"));
		assertThat(answer.data().path("version").longValue()).isNotEqualTo(version);
	}

	@Test
	void heldWatchIsAnsweredWhenTheLastInstanceOfAnAppLeaves() throws Exception {
		registerOk(instanceIn(this.appid, "h1"));
		registerOk(instanceIn(otherAppid("b"), "h1"));
		CompletableFuture<Answer> held = this.http.getAsync(CATALOG,
				Form.of("env", this.env, "version", Long.toString(version())));

		assertCode(this.http.post(CANCEL,
				Form.of("zone", ZONE, "env", this.env, "appid", otherAppid("b"), "hostname", "h1")), 0);

		assertThat(apps(held.get().data())).containsExactly(this.appid);
	}

	@Test
	void heldWatchWithoutChangeEndsWithNotModifiedAtTheClientsTimeout() {
		registerOk(instanceIn(this.appid, "h1"));
		Answer answer = this.http.send(
				this.http.request(this.http.uri(CATALOG, Form.of("env", this.env, "version", Long.toString(version()))))
					.header(TIMEOUT_HEADER, "300")
					.GET()
					.build());

		assertCode(answer, -304);
	}

	@Test
	void watchWithoutEnvOrWithABadVersionAnswersRequestError() {
		assertCode(this.http.get(CATALOG, Form.of("version", "0")), -400);
		assertCode(this.http.get(CATALOG, Form.of("env", this.env, "version", "x")), -400);
	}

	private Form instanceIn(String appid, String hostname) {
		return instance(appid, ZONE, hostname).with("env", this.env);
	}

	private long version() {
		Answer answer = this.http.get(CATALOG, Form.of("env", this.env, "version", "0"));
		assertCode(answer, 0);
		return answer.data().path("version").longValue();
	}

	private static List<String> apps(JsonNode data) {
		List<String> apps = new ArrayList<>();
		data.path("apps").forEach((app) -> apps.add(app.stringValue()));
		return apps;
	}

}

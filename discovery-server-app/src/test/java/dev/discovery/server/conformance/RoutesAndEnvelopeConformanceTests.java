package dev.discovery.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes, methods and the JSON envelope every endpoint shares (docs/wire-protocol.md
 * §1.1, §1.3, §13 items 1 and 55).
 */
class RoutesAndEnvelopeConformanceTests extends ConformanceTestSupport {

	@Test
	void everyJsonAnswerIsHttp200WithJsonUtf8ContentType() {
		// docs/wire-protocol.md §13 item 1: successes and business errors alike
		List<Answer> answers = new ArrayList<>();
		answers.add(register(instance("h1")));
		answers.add(register(instance("h1").without("zone")));
		answers.add(this.http.post(RENEW, identity("h1")));
		answers.add(this.http.post(RENEW, identity("nope")));
		answers.add(this.http.post(SET, identity("h1").add("status", "1")));
		answers.add(this.http.post(SET, identity("nope").add("status", "1")));
		answers.add(fetch(this.appid, "1"));
		answers.add(fetch(otherAppid("unknown"), "1"));
		answers.add(this.http.get(FETCHS, Form.of("appid", this.appid, "env", ENV, "status", "1")));
		answers.add(this.http.get(POLL,
				Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0")));
		answers.add(this.http.get(POLL,
				Form.of("appid", otherAppid("unknown"), "env", ENV, "hostname", "c1", "latest_timestamp", "0")));
		answers.add(this.http.get(POLLS,
				Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0")));
		answers.add(this.http.get(NODES));
		answers.add(this.http.get(FETCH_ALL));
		answers.add(this.http.post(CANCEL, identity("h1")));
		answers.add(this.http.post(CANCEL, identity("h1")));

		assertThat(answers).allSatisfy(ConformanceTestSupport::assertJsonAnswer);
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.json().path("code").isIntegralNumber()).isTrue());
	}

	@Test
	void everyErrorAnswerCarriesAMessage() {
		// docs/wire-protocol.md §10: message is present whenever code != 0 (the Python
		// client reads it)
		List<Answer> errors = List.of(register(instance("h1").without("zone")), this.http.post(RENEW, identity("h1")),
				fetch(this.appid, "1"), fetch(this.appid, "0"), this.http.post(CANCEL, identity("h1")));

		assertThat(errors).allSatisfy((answer) -> {
			assertThat(answer.code()).isNotZero();
			assertThat(answer.json().path("message").isString()).as("%s", answer).isTrue();
			assertThat(answer.json().path("message").stringValue()).isNotEmpty();
		});
	}

	@Test
	void businessErrorsUseTheDecimalCodeAsMessage() {
		// docs/wire-protocol.md §1.3: message is the decimal text of the code
		assertThat(fetch(this.appid, "1").json().path("message").stringValue()).isEqualTo("-404");
		assertThat(this.http.post(RENEW, identity("h1")).json().path("message").stringValue()).isEqualTo("-404");
	}

	@ParameterizedTest
	@ValueSource(strings = { REGISTER, RENEW, CANCEL, SET })
	void getOfAPostRouteAnswersMethodNotAllowed(String path) {
		// docs/wire-protocol.md §13 item 55
		assertThat(this.http.get(path, instance("h1")).status()).isEqualTo(405);
	}

	@ParameterizedTest
	@ValueSource(strings = { FETCH, FETCHS, POLL, POLLS, NODES, FETCH_ALL })
	void postToAGetRouteAnswersMethodNotAllowed(String path) {
		// docs/wire-protocol.md §1.1: a known path with the wrong method answers 405
		assertThat(this.http.post(path, Form.of("appid", this.appid, "env", ENV, "status", "1")).status())
			.isEqualTo(405);
	}

	@Test
	void unknownRouteAnswersNotFoundAsPlainText() {
		// docs/wire-protocol.md §13 item 55
		Answer answer = this.http.get("/discovery/unknown");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).as("%s", answer).isNotNull();
		assertThat(answer.contentType().toLowerCase(Locale.ROOT)).startsWith("text/plain");
	}

}

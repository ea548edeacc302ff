package dev.discovery.server.conformance;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Held {@code poll} and {@code polls} requests: the 30 s hold, wake-ups, per-request
 * watchers (docs/wire-protocol.md §4, §13 items 36, 38-41, 45-48). Every test may wait up
 * to 30 s, so the tests of this class run concurrently (see junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class LongPollConformanceTests extends ConformanceTestSupport {

	/**
	 * Time a request is given to reach the server and park before the test changes the
	 * app.
	 */
	private static final Duration PARKING = Duration.ofMillis(700);

	/** How soon a parked request must be answered after the change that wakes it. */
	private static final Duration WAKE_UP = Duration.ofSeconds(1);

	private static final String NOT_MODIFIED = "{\"code\":-304,\"message\":\"-304\",\"ttl\":1}";

	@Test
	void pollAtTheCurrentTimestampIsHeldThirtySecondsAndAnswersNotModified() throws Exception {
		// docs/wire-protocol.md §13 item 36
		registerOk(instance("h1"));

		Answer answer = pollAsync(this.appid, latestTimestamp(this.appid), "c1").get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofSeconds(29)).isLessThan(Duration.ofSeconds(32));
	}

	@Test
	void heldPollIsAnsweredSoonAfterARegisterWithTheNewInstance() throws Exception {
		// docs/wire-protocol.md §13 item 38
		registerOk(instance("h1"));
		long latest = latestTimestamp(this.appid);
		CompletableFuture<Answer> poll = pollAsync(this.appid, latest, "c1");
		assertStillHeld(poll, PARKING);

		registerOk(instance("h2"));

		Answer answer = answeredSoon(poll);
		assertCode(answer, 0);
		assertThat(answer.json().path("ttl").intValue()).isEqualTo(1);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h2");
		assertThat(answer.data().path("latest_timestamp").longValue()).isGreaterThan(latest)
			.isEqualTo(latestTimestamp(this.appid));
	}

	@Test
	void heldPollWithAZoneFilterReceivesOnlyThatZone() throws Exception {
		// docs/wire-protocol.md §13 item 39
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));
		CompletableFuture<Answer> poll = this.http.getAsync(POLL, Form.of("appid", this.appid, "env", ENV, "hostname",
				"c1", "zone", ZONE, "latest_timestamp", Long.toString(latestTimestamp(this.appid))));
		assertStillHeld(poll, PARKING);

		registerOk(instance(this.appid, ZONE, "h3"));

		Answer answer = answeredSoon(poll);
		assertCode(answer, 0);
		assertThat(answer.data().path("instances").propertyNames()).containsExactly(ZONE);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h3");
	}

	@Test
	void heldPollIsWokenByACancel() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		assertStillHeld(poll, PARKING);

		assertCode(this.http.post(CANCEL, identity("h1")), 0);

		Answer answer = answeredSoon(poll);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h2");
	}

	@Test
	void heldPollIsWokenByASet() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		assertStillHeld(poll, PARKING);

		assertCode(this.http.post(SET, identity("h1").add("metadata", "{\"color\":\"blue\"}")), 0);

		Answer answer = answeredSoon(poll);
		assertCode(answer, 0);
		assertThat(answer.data().path("instances").path(ZONE).path(0).path("metadata"))
			.isEqualTo(Answer.parse("{\"color\":\"blue\"}"));
	}

	@Test
	void heldPollsIsWokenByACancel() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");
		assertStillHeld(polls, PARKING);

		assertCode(this.http.post(CANCEL, identity("h2")), 0);

		Answer answer = answeredSoon(polls);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void heldPollsIsWokenByASet() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");
		assertStillHeld(polls, PARKING);

		assertCode(this.http.post(SET, identity("h2").add("status", "2")), 0);

		Answer answer = answeredSoon(polls);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void pollWithSeveralAppidsAnswersTheFirstAppidsSnapshotWhenAnotherOneChanged() {
		// docs/wire-protocol.md §3.7 [FIX], §4.1: the second appid changed, so the answer
		// is
		// immediate and carries the first appid's snapshot (the reference: data:null).
		// It is in this class because a server that holds it makes the test wait 30 s.
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		long latest = latestTimestamp(this.appid);

		Answer answer = this.http.get(POLL, Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1",
				"latest_timestamp", Long.toString(latest), "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.elapsed()).isLessThan(WAKE_UP);
		assertThat(answer.data().isObject()).as("%s", answer).isTrue();
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h1");
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latest);
	}

	@Test
	void heldPollWithSeveralAppidsIsWokenByALaterAppidWithTheFirstAppidsSnapshot() throws Exception {
		// docs/wire-protocol.md §3.7 [FIX]: a wake-up from another appid answers the
		// first one's
		// snapshot (the reference: data:null)
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		long latest = latestTimestamp(this.appid);
		CompletableFuture<Answer> poll = this.http.getAsync(POLL,
				Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1", "latest_timestamp",
						Long.toString(latest), "latest_timestamp", Long.toString(latestTimestamp(second))));
		assertStillHeld(poll, PARKING);

		registerOk(instance(second, ZONE, "h3"));

		Answer answer = answeredSoon(poll);
		assertCode(answer, 0);
		assertThat(answer.data().isObject()).as("%s", answer).isTrue();
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h1");
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latest);
	}

	@Test
	void pollWithATimeoutHeaderOfFiveSecondsAnswersNotModifiedAfterAboutFiveSeconds() throws Exception {
		// docs/wire-protocol.md §13 item 41
		registerOk(instance("h1"));
		Form query = pollQuery(this.appid, latestTimestamp(this.appid), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLL, query)).header(TIMEOUT_HEADER, "5000").GET().build())
			.get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofMillis(4500)).isLessThan(Duration.ofMillis(6500));
	}

	@Test
	void timeoutHeaderLongerThanThirtySecondsStillHoldsOnlyThirtySeconds() throws Exception {
		// docs/wire-protocol.md §1.6, §4.4: whichever of 30 s or the deadline comes
		// first; Go clients
		// send 40000
		registerOk(instance("h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLLS, query)).header(TIMEOUT_HEADER, "40000").GET().build())
			.get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofSeconds(29)).isLessThan(Duration.ofSeconds(32));
	}

	@Test
	void pollsWithATimeoutHeaderOfFiveSecondsAnswersNotModifiedAfterAboutFiveSeconds() throws Exception {
		// docs/wire-protocol.md §13 item 41, §1.6
		registerOk(instance("h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLLS, query)).header(TIMEOUT_HEADER, "5000").GET().build())
			.get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofMillis(4500)).isLessThan(Duration.ofMillis(6500));
	}

	@Test
	void pollWithAZoneFilterWhoseBucketIsAbsentIsHeldWhenItsTimestampIsCurrent() throws Exception {
		// docs/wire-protocol.md §3.7 / §4.1: t >= L is checked before the zone filter, so
		// the poll is
		// held
		// (kept short with a 2 s timeout header)
		registerOk(instance(this.appid, ZONE, "h1"));
		Form query = pollQuery(this.appid, latestTimestamp(this.appid), "c1").add("zone", OTHER_ZONE);

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLL, query)).header(TIMEOUT_HEADER, "2000").GET().build())
			.get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofMillis(1500));
	}

	@Test
	void pollsWithAZoneFilterWhoseBucketIsAbsentIsHeldWhenItsTimestampIsCurrent() throws Exception {
		// docs/wire-protocol.md §4.1: unchanged, so held and not reported under error
		registerOk(instance(this.appid, ZONE, "h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1").add("zone",
				OTHER_ZONE);

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLLS, query)).header(TIMEOUT_HEADER, "2000").GET().build())
			.get(40, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofMillis(1500));
	}

	@Test
	void pollsWithEveryAppidUnchangedIsHeldAndAnswersOnlyTheAppidThatChanged() throws Exception {
		// docs/wire-protocol.md §13 item 45
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid, second),
				List.of(latestTimestamp(this.appid), latestTimestamp(second)), "c1");
		assertStillHeld(polls, PARKING);

		registerOk(instance(second, ZONE, "h3"));

		Answer answer = answeredSoon(polls);
		assertCode(answer, 0);
		assertThat(answer.json().has("ttl")).isFalse();
		assertThat(answer.data().propertyNames()).containsExactly(second);
		assertThat(hostnames(answer.data().path(second).path("instances").path(ZONE))).containsExactlyInAnyOrder("h2",
				"h3");
		assertThat(answer.data().path(second).path("latest_timestamp").longValue()).isEqualTo(latestTimestamp(second));
	}

	@Test
	void pollsOfOnlyUnknownAppidsIsHeldThirtySecondsAndAnswersNotModified() throws Exception {
		// docs/wire-protocol.md §13 item 46
		Answer answer = pollsAsync(List.of(otherAppid("u1"), otherAppid("u2")), List.of(0L, 0L), "c1").get(40,
				TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
		assertThat(answer.elapsed()).isGreaterThan(Duration.ofSeconds(29)).isLessThan(Duration.ofSeconds(32));
	}

	@Test
	void heldPollsOfAnUnknownAppidIsWokenWhenItIsRegistered() throws Exception {
		// docs/wire-protocol.md §3.8 / §4.2: unknown appids are held too, so a register
		// of them wakes
		// the request
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid), List.of(0L), "c1");
		assertStillHeld(polls, PARKING);

		registerOk(instance("h1"));

		Answer answer = answeredSoon(polls);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void concurrentPollsFromOneHostnameWithDifferentZoneFiltersEachGetTheirOwnZone() throws Exception {
		// docs/wire-protocol.md §13 item 47 [FIX D2]
		registerOk(instance(this.appid, ZONE, "h1"));
		registerOk(instance(this.appid, OTHER_ZONE, "h2"));
		String latest = Long.toString(latestTimestamp(this.appid));
		CompletableFuture<Answer> first = this.http.getAsync(POLL, Form.of("appid", this.appid, "env", ENV, "hostname",
				"same-host", "zone", ZONE, "latest_timestamp", latest));
		CompletableFuture<Answer> second = this.http.getAsync(POLL, Form.of("appid", this.appid, "env", ENV, "hostname",
				"same-host", "zone", OTHER_ZONE, "latest_timestamp", latest));
		assertStillHeld(first, PARKING);
		assertStillHeld(second, Duration.ZERO);

		registerOk(instance(this.appid, ZONE, "h3"));
		registerOk(instance(this.appid, OTHER_ZONE, "h4"));

		Answer firstAnswer = answeredSoon(first);
		Answer secondAnswer = answeredSoon(second);
		assertCode(firstAnswer, 0);
		assertCode(secondAnswer, 0);
		assertThat(firstAnswer.data().path("instances").propertyNames()).containsExactly(ZONE);
		assertThat(secondAnswer.data().path("instances").propertyNames()).containsExactly(OTHER_ZONE);
	}

	@Test
	void concurrentPollsFromOneHostnameForDifferentAppsAreAnsweredIndependently() throws Exception {
		// docs/wire-protocol.md §13 item 47, §4.6 [FIX D2]: one watcher per request, not
		// per hostname
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		CompletableFuture<Answer> forFirst = pollsAsync(List.of(this.appid), List.of(latestTimestamp(this.appid)),
				"same-host");
		CompletableFuture<Answer> forSecond = pollsAsync(List.of(second), List.of(latestTimestamp(second)),
				"same-host");
		assertStillHeld(forFirst, PARKING);

		registerOk(instance("h3"));

		Answer firstAnswer = answeredSoon(forFirst);
		assertCode(firstAnswer, 0);
		assertThat(firstAnswer.data().propertyNames()).containsExactly(this.appid);
		assertStillHeld(forSecond, PARKING);
		registerOk(instance(second, ZONE, "h4"));
		Answer secondAnswer = answeredSoon(forSecond);
		assertCode(secondAnswer, 0);
		assertThat(secondAnswer.data().propertyNames()).containsExactly(second);
	}

	@Test
	void heldPollIsNotWokenByAChangeOfAnotherApp() throws Exception {
		// docs/wire-protocol.md §4.3: a broadcast concerns the (env, appid) that changed
		String other = otherAppid("other");
		registerOk(instance("h1"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		assertStillHeld(poll, PARKING);

		registerOk(instance(other, ZONE, "h1"));
		registerOk(instance("h1").with("env", "uat"));

		assertStillHeld(poll, Duration.ofSeconds(1));
		registerOk(instance("h2"));
		assertCode(answeredSoon(poll), 0);
	}

	@Test
	void changesRacingWithArrivingPollsAreNeverLost() throws Exception {
		// docs/wire-protocol.md §13 item 48 [FIX D3]: every poll answers long before its
		// 30 s timeout
		int apps = 20;
		List<String> appids = new ArrayList<>();
		List<Long> latest = new ArrayList<>();
		for (int i = 0; i < apps; i++) {
			String app = otherAppid("race" + i);
			registerOk(instance(app, ZONE, "h1"));
			appids.add(app);
			latest.add(latestTimestamp(app));
		}
		List<CompletableFuture<Answer>> polls = new ArrayList<>();
		List<CompletableFuture<Answer>> registers = new ArrayList<>();
		for (int i = 0; i < apps; i++) {
			polls.add(pollAsync(appids.get(i), latest.get(i), "racer"));
			registers.add(this.http.postAsync(REGISTER, instance(appids.get(i), ZONE, "h2")));
		}

		for (CompletableFuture<Answer> register : registers) {
			assertCode(register.get(10, TimeUnit.SECONDS), 0);
		}
		for (int i = 0; i < apps; i++) {
			Answer answer = answeredWithin(polls.get(i), Duration.ofSeconds(5));
			assertCode(answer, 0);
			assertThat(hostnames(answer.data().path("instances").path(ZONE))).as("%s", answer)
				.containsExactlyInAnyOrder("h1", "h2");
		}
	}

	@Test
	void aPollWhoseClientDisconnectedDoesNotDisturbLaterPolls() throws Exception {
		// docs/wire-protocol.md §10, §4.6 [FIX]: polls whose connection closed are
		// dropped
		registerOk(instance("h1"));
		long latest = latestTimestamp(this.appid);
		String target = POLL + "?" + pollQuery(this.appid, latest, "c1").encoded();
		try (Socket abandoned = RawHttp.open(this.port, RawHttp.request("GET", target, "", ""))) {
			Thread.sleep(PARKING.toMillis());
		}
		catch (IOException ex) {
			fail("could not poll", ex);
		}
		Thread.sleep(200);

		Answer register = register(instance("h2"));
		assertCode(register, 0);
		assertThat(register.elapsed()).isLessThan(WAKE_UP);
		Answer catchUp = pollAsync(this.appid, latest, "c1").get(2, TimeUnit.SECONDS);
		assertCode(catchUp, 0);
		assertThat(hostnames(catchUp.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h2");

		CompletableFuture<Answer> next = pollAsync(this.appid, catchUp.data().path("latest_timestamp").longValue(),
				"c1");
		assertStillHeld(next, PARKING);
		registerOk(instance("h3"));
		Answer answer = answeredSoon(next);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h2", "h3");
	}

	private CompletableFuture<Answer> pollAsync(String appid, long latestTimestamp, String hostname) {
		return this.http.getAsync(POLL, pollQuery(appid, latestTimestamp, hostname));
	}

	private static Form pollQuery(String appid, long latestTimestamp, String hostname) {
		return Form.of("appid", appid, "env", ENV, "hostname", hostname, "latest_timestamp",
				Long.toString(latestTimestamp));
	}

	private CompletableFuture<Answer> pollsAsync(List<String> appids, List<Long> latestTimestamps, String hostname) {
		return this.http.getAsync(POLLS, pollsQuery(appids, latestTimestamps, hostname));
	}

	private static Form pollsQuery(List<String> appids, List<Long> latestTimestamps, String hostname) {
		return Form.of("env", ENV, "hostname", hostname)
			.addAll("appid", appids)
			.addAll("latest_timestamp", latestTimestamps.stream().map(String::valueOf).toList());
	}

	/** Fails when the request is answered within {@code duration}. */
	private static void assertStillHeld(CompletableFuture<Answer> request, Duration duration) throws Exception {
		try {
			Answer early = request.get(duration.toMillis(), TimeUnit.MILLISECONDS);
			fail("expected the request to be held, but it was answered: " + early);
		}
		catch (TimeoutException expected) {
			// held, as it should be
		}
	}

	private static Answer answeredSoon(CompletableFuture<Answer> request) throws Exception {
		return answeredWithin(request, WAKE_UP);
	}

	private static Answer answeredWithin(CompletableFuture<Answer> request, Duration duration)
			throws InterruptedException, ExecutionException {
		try {
			return request.get(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("request not answered within " + duration.toMillis() + " ms", ex);
		}
	}

}

package dev.discovery.server.conformance;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.AppKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Held {@code poll} and {@code polls} requests: the hold, wake-ups, per-request watchers
 * (docs/wire-protocol.md §4, §13 items 36, 38-41, 45-48). The shared server holds polls
 * {@value #HOLD_SECONDS} s; a test waits until its poll is parked (the hub's count for
 * its app) before it changes anything, and an answer with code 0 proves a wake-up, since
 * an unanswered hold ends with -304. Tests that end with -304 wait out the hold, so the
 * tests of this class run concurrently (see junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class LongPollConformanceTests extends ConformanceTestSupport {

	/** Longer than any hold of the shared server: a bound for answers, not a timing. */
	private static final Duration ANSWER = Duration.ofSeconds(HOLD_SECONDS * 4L);

	static final String NOT_MODIFIED = "{\"code\":-304,\"message\":\"-304\",\"ttl\":1}";

	@Autowired
	private PollHub hub;

	@Test
	void pollAtTheCurrentTimestampIsHeldAndAnswersNotModifiedAtTheEndOfTheHold() throws Exception {
		// docs/wire-protocol.md §13 item 36 (the 30 s of the default hold:
		// DefaultPollHoldConformanceTests)
		registerOk(instance("h1"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		awaitParked(this.appid, 1);

		assertExactly(answered(poll), NOT_MODIFIED);
		assertThat(this.hub.parkedCount(key(this.appid))).as("released after the hold").isZero();
	}

	@Test
	void heldPollIsAnsweredSoonAfterARegisterWithTheNewInstance() throws Exception {
		// docs/wire-protocol.md §13 item 38
		registerOk(instance("h1"));
		long latest = latestTimestamp(this.appid);
		CompletableFuture<Answer> poll = pollAsync(this.appid, latest, "c1");
		awaitParkedBy(poll);

		registerOk(instance("h2"));

		Answer answer = answered(poll);
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
		awaitParkedBy(poll);

		registerOk(instance(this.appid, ZONE, "h3"));

		Answer answer = answered(poll);
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
		awaitParkedBy(poll);

		assertCode(this.http.post(CANCEL, identity("h1")), 0);

		Answer answer = answered(poll);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h2");
	}

	@Test
	void heldPollIsWokenByASet() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		awaitParkedBy(poll);

		assertCode(this.http.post(SET, identity("h1").add("metadata", "{\"color\":\"blue\"}")), 0);

		Answer answer = answered(poll);
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
		awaitParkedBy(polls);

		assertCode(this.http.post(CANCEL, identity("h2")), 0);

		Answer answer = answered(polls);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void heldPollsIsWokenByASet() throws Exception {
		// docs/wire-protocol.md §13 item 40
		registerOk(instance("h1"));
		registerOk(instance("h2"));
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");
		awaitParkedBy(polls);

		assertCode(this.http.post(SET, identity("h2").add("status", "2")), 0);

		Answer answer = answered(polls);
		assertCode(answer, 0);
		assertThat(hostnames(answer.data().path(this.appid).path("instances").path(ZONE))).containsExactly("h1");
	}

	@Test
	void pollWithSeveralAppidsAnswersTheFirstAppidsSnapshotWhenAnotherOneChanged() {
		// docs/wire-protocol.md §3.7 [FIX], §4.1: the second appid changed, so the answer
		// is immediate and carries the first appid's snapshot (the reference: data:null).
		// It is in this class because a server that holds it makes the test wait 30 s.
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		long latest = latestTimestamp(this.appid);

		Answer answer = this.http.get(POLL, Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1",
				"latest_timestamp", Long.toString(latest), "latest_timestamp", "0"));

		assertCode(answer, 0);
		assertThat(answer.data().isObject()).as("%s", answer).isTrue();
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h1");
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latest);
	}

	@Test
	void heldPollWithSeveralAppidsIsWokenByALaterAppidWithTheFirstAppidsSnapshot() throws Exception {
		// docs/wire-protocol.md §3.7 [FIX]: a wake-up from another appid answers the
		// first one's snapshot (the reference: data:null)
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		long latest = latestTimestamp(this.appid);
		CompletableFuture<Answer> poll = this.http.getAsync(POLL,
				Form.of("appid", this.appid, "appid", second, "env", ENV, "hostname", "c1", "latest_timestamp",
						Long.toString(latest), "latest_timestamp", Long.toString(latestTimestamp(second))));
		awaitParkedBy(poll);

		registerOk(instance(second, ZONE, "h3"));

		Answer answer = answered(poll);
		assertCode(answer, 0);
		assertThat(answer.data().isObject()).as("%s", answer).isTrue();
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactly("h1");
		assertThat(answer.data().path("latest_timestamp").longValue()).isEqualTo(latest);
	}

	@Test
	void pollWithATimeoutHeaderShorterThanTheHoldAnswersNotModifiedBeforeTheHoldEnds() throws Exception {
		// docs/wire-protocol.md §13 item 41: the header's 1 s, not the hold
		registerOk(instance("h1"));
		Form query = pollQuery(this.appid, latestTimestamp(this.appid), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLL, query)).header(TIMEOUT_HEADER, "1000").GET().build())
			.get(HOLD_SECONDS - 2, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
	}

	@Test
	void timeoutHeaderLongerThanTheHoldStillHoldsOnlyTheHold() throws Exception {
		// docs/wire-protocol.md §1.6, §4.4: whichever of the hold or the deadline comes
		// first; Go clients send 40000
		registerOk(instance("h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLLS, query)).header(TIMEOUT_HEADER, "40000").GET().build())
			.get(30, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
	}

	@Test
	void pollsWithATimeoutHeaderShorterThanTheHoldAnswersNotModifiedBeforeTheHoldEnds() throws Exception {
		// docs/wire-protocol.md §13 item 41, §1.6
		registerOk(instance("h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1");

		Answer answer = this.http
			.sendAsync(this.http.request(this.http.uri(POLLS, query)).header(TIMEOUT_HEADER, "1000").GET().build())
			.get(HOLD_SECONDS - 2, TimeUnit.SECONDS);

		assertExactly(answer, NOT_MODIFIED);
	}

	@Test
	void pollWithAZoneFilterWhoseBucketIsAbsentIsHeldWhenItsTimestampIsCurrent() throws Exception {
		// docs/wire-protocol.md §3.7 / §4.1: t >= L is checked before the zone filter, so
		// the poll is held (kept short with a 2 s timeout header)
		registerOk(instance(this.appid, ZONE, "h1"));
		Form query = pollQuery(this.appid, latestTimestamp(this.appid), "c1").add("zone", OTHER_ZONE);

		CompletableFuture<Answer> poll = this.http.getAsync(POLL, query);
		awaitParked(this.appid, 1);

		assertExactly(answered(poll), NOT_MODIFIED);
	}

	@Test
	void pollsWithAZoneFilterWhoseBucketIsAbsentIsHeldWhenItsTimestampIsCurrent() throws Exception {
		// docs/wire-protocol.md §4.1: unchanged, so held and not reported under error
		registerOk(instance(this.appid, ZONE, "h1"));
		Form query = pollsQuery(List.of(this.appid), List.of(latestTimestamp(this.appid)), "c1").add("zone",
				OTHER_ZONE);

		CompletableFuture<Answer> polls = this.http.getAsync(POLLS, query);
		awaitParked(this.appid, 1);

		assertExactly(answered(polls), NOT_MODIFIED);
	}

	@Test
	void pollsWithEveryAppidUnchangedIsHeldAndAnswersOnlyTheAppidThatChanged() throws Exception {
		// docs/wire-protocol.md §13 item 45
		String second = otherAppid("b");
		registerOk(instance("h1"));
		registerOk(instance(second, ZONE, "h2"));
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid, second),
				List.of(latestTimestamp(this.appid), latestTimestamp(second)), "c1");
		awaitParkedBy(polls);

		registerOk(instance(second, ZONE, "h3"));

		Answer answer = answered(polls);
		assertCode(answer, 0);
		assertThat(answer.json().has("ttl")).isFalse();
		assertThat(answer.data().propertyNames()).containsExactly(second);
		assertThat(hostnames(answer.data().path(second).path("instances").path(ZONE))).containsExactlyInAnyOrder("h2",
				"h3");
		assertThat(answer.data().path(second).path("latest_timestamp").longValue()).isEqualTo(latestTimestamp(second));
	}

	@Test
	void pollsOfOnlyUnknownAppidsIsHeldAndAnswersNotModified() throws Exception {
		// docs/wire-protocol.md §13 item 46
		CompletableFuture<Answer> polls = pollsAsync(List.of(otherAppid("u1"), otherAppid("u2")), List.of(0L, 0L),
				"c1");
		awaitParked(otherAppid("u2"), 1);

		assertExactly(answered(polls), NOT_MODIFIED);
	}

	@Test
	void heldPollsOfAnUnknownAppidIsWokenWhenItIsRegistered() throws Exception {
		// docs/wire-protocol.md §3.8 / §4.2: unknown appids are held too, so a register
		// of them wakes the request
		CompletableFuture<Answer> polls = pollsAsync(List.of(this.appid), List.of(0L), "c1");
		awaitParkedBy(polls);

		registerOk(instance("h1"));

		Answer answer = answered(polls);
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
		awaitParked(this.appid, 2);

		registerOk(instance(this.appid, ZONE, "h3"));
		registerOk(instance(this.appid, OTHER_ZONE, "h4"));

		Answer firstAnswer = answered(first);
		Answer secondAnswer = answered(second);
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
		awaitParked(this.appid, 1);
		awaitParked(second, 1);

		registerOk(instance("h3"));

		Answer firstAnswer = answered(forFirst);
		assertCode(firstAnswer, 0);
		assertThat(firstAnswer.data().propertyNames()).containsExactly(this.appid);
		assertThat(forSecond).isNotDone();
		assertThat(this.hub.parkedCount(key(second))).isEqualTo(1);
		registerOk(instance(second, ZONE, "h4"));
		Answer secondAnswer = answered(forSecond);
		assertCode(secondAnswer, 0);
		assertThat(secondAnswer.data().propertyNames()).containsExactly(second);
	}

	@Test
	void heldPollIsNotWokenByAChangeOfAnotherApp() throws Exception {
		// docs/wire-protocol.md §4.3: a broadcast concerns the (env, appid) that changed
		String other = otherAppid("other");
		registerOk(instance("h1"));
		CompletableFuture<Answer> poll = pollAsync(this.appid, latestTimestamp(this.appid), "c1");
		awaitParkedBy(poll);

		registerOk(instance(other, ZONE, "h1"));
		registerOk(instance("h1").with("env", "uat"));

		registerOk(instance("h2"));
		Answer answer = answered(poll);
		assertCode(answer, 0);
		// Woken by the other changes, it would have answered h1 alone.
		assertThat(hostnames(answer.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h2");
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
			// A lost wake-up would end with -304 after the hold.
			Answer answer = answered(polls.get(i));
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
			awaitParked(this.appid, 1);
		}
		catch (IOException ex) {
			fail("could not poll", ex);
		}
		await().atMost(ANSWER).until(() -> this.hub.parkedCount(key(this.appid)) == 0);

		registerOk(instance("h2"));
		Answer catchUp = answered(pollAsync(this.appid, latest, "c1"));
		assertCode(catchUp, 0);
		assertThat(hostnames(catchUp.data().path("instances").path(ZONE))).containsExactlyInAnyOrder("h1", "h2");

		CompletableFuture<Answer> next = pollAsync(this.appid, catchUp.data().path("latest_timestamp").longValue(),
				"c1");
		awaitParked(this.appid, 1);
		registerOk(instance("h3"));
		Answer answer = answered(next);
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

	private static AppKey key(String appid) {
		return new AppKey(ENV, appid);
	}

	/** Waits until {@code count} polls are parked on an app of this test. */
	private void awaitParked(String appid, int count) {
		await().atMost(ANSWER).until(() -> this.hub.parkedCount(key(appid)) >= count);
	}

	/** Waits until the one poll of this test's app is parked, and checks it is held. */
	private void awaitParkedBy(CompletableFuture<Answer> request) {
		awaitParked(this.appid, 1);
		assertThat(request).as("held").isNotDone();
	}

	private static Answer answered(CompletableFuture<Answer> request) throws Exception {
		try {
			return request.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("request not answered within " + ANSWER.toMillis() + " ms", ex);
		}
	}

}

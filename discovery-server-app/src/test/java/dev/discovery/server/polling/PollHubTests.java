package dev.discovery.server.polling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PollHub}.
 */
class PollHubTests {

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final PollHub hub = new PollHub(this.registry, Runnable::run);

	@Test
	void pollWithAnOlderTimestampIsAnsweredAtOnce() {
		register("a", "h1", "sh001", 100);

		ParkedPoll poll = this.hub.poll(request(List.of("a"), List.of(0L), null));

		assertThat(poll.answer()).isCompleted();
		assertThat(poll.answer().join().changed()).containsOnlyKeys("a");
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void upToDatePollIsParkedAndWokenByARegister() {
		register("a", "h1", "sh001", 100);
		ParkedPoll poll = this.hub.poll(request(List.of("a"), List.of(100L), null));
		assertThat(poll.answer()).isNotDone();

		register("a", "h2", "sh001", 200);

		assertThat(poll.answer()).isCompleted();
		assertThat(poll.answer().join().changed().get("a").latestTimestamp()).isEqualTo(200);
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void unknownAppsAreReportedMissingAndHeld() {
		ParkedPoll poll = this.hub.poll(request(List.of("nope"), List.of(0L), null));

		assertThat(poll.answer()).isNotDone();
		assertThat(this.hub.parkedCount()).isOne();
		register("nope", "h1", "sh001", 100);
		assertThat(poll.answer().join().missing()).containsExactly("nope");
	}

	@Test
	void pollOfAnotherZoneIsNotWokenByAChangeElsewhere() {
		register("a", "h1", "sh001", 100);
		register("a", "h2", "sh002", 150);
		ParkedPoll poll = this.hub.poll(request(List.of("a"), List.of(150L), "sh002"));

		this.registry.cancel(new AppKey("dev", "a"), "sh002", "h2", 0);

		assertThat(poll.answer()).isNotDone();
	}

	@Test
	void closedPollIsNeverAnsweredAndLeavesNothingParked() {
		register("a", "h1", "sh001", 100);
		ParkedPoll poll = this.hub.poll(request(List.of("a"), List.of(100L), null));

		poll.close();
		register("a", "h2", "sh001", 200);

		assertThat(poll.answer()).isNotDone();
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void eachParkedRequestIsAnsweredWithItsOwnZoneFilter() {
		register("a", "h1", "sh001", 100);
		register("a", "h2", "sh002", 101);
		ParkedPoll one = this.hub.poll(request(List.of("a"), List.of(101L), "sh001"));
		ParkedPoll two = this.hub.poll(request(List.of("a"), List.of(101L), "sh002"));

		register("a", "h3", "sh001", 300);

		assertThat(one.answer()).isCompleted();
		assertThat(two.answer()).isCompleted();
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void aChangeRacingWithParkingIsNeverLost() throws Exception {
		register("a", "h0", "sh001", 100);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try {
			for (int round = 1; round <= 500; round++) {
				long seen = this.registry.snapshot(new AppKey("dev", "a")).latestTimestamp();
				int n = round;
				Future<?> write = writer.submit(() -> register("a", "h" + n, "sh001", 100 + n));
				ParkedPoll poll = this.hub.poll(request(List.of("a"), List.of(seen), null));
				write.get();
				assertThat(poll.answer()).as("round %d", round).isCompleted();
			}
		}
		finally {
			writer.shutdownNow();
		}
		assertThat(this.hub.parkedCount()).isZero();
	}

	private void register(String appid, String hostname, String zone, long now) {
		this.registry.register(new Instance("sh", zone, "dev", appid, hostname, List.of("http://10.0.0.1:80"), "",
				Map.of(), InstanceStatus.UP, now, now, now, now, now));
	}

	private static PollRequest request(List<String> appids, List<Long> timestamps, String zone) {
		return new PollRequest("dev", appids, timestamps, zone);
	}

}

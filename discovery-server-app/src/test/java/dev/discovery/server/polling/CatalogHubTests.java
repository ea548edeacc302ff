package dev.discovery.server.polling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.registry.SetChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CatalogHub}.
 */
class CatalogHubTests {

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final CatalogHub hub = new CatalogHub(this.registry, Runnable::run,
			Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));

	@Test
	void watchWithAnotherVersionIsAnsweredAtOnceWithTheEnvsApps() {
		register("b", "h1", "dev");
		register("a", "h1", "dev");
		register("c", "h1", "prod");

		CatalogPoll poll = this.hub.poll("dev", 0);

		assertThat(poll.answer()).isCompleted();
		assertThat(poll.answer().join().apps()).containsExactly("a", "b");
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void upToDateWatchIsParkedAndWokenByTheFirstInstanceOfANewApp() {
		register("a", "h1", "dev");
		long version = this.hub.catalog("dev").version();
		CatalogPoll poll = this.hub.poll("dev", version);
		assertThat(poll.answer()).isNotDone();

		register("b", "h1", "dev");

		assertThat(poll.answer()).isCompleted();
		assertThat(poll.answer().join().apps()).containsExactly("a", "b");
		assertThat(poll.answer().join().version()).isNotEqualTo(version);
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void lastInstanceLeavingWakesTheWatch() {
		register("a", "h1", "dev");
		register("b", "h1", "dev");
		CatalogPoll poll = this.hub.poll("dev", this.hub.catalog("dev").version());

		this.registry.cancel(new AppKey("dev", "b"), "sh001", "h1", 0);

		assertThat(poll.answer().join().apps()).containsExactly("a");
	}

	@Test
	void changesInsideKnownAppsLeaveTheWatchParked() {
		register("a", "h1", "dev");
		long version = this.hub.catalog("dev").version();
		CatalogPoll poll = this.hub.poll("dev", version);

		register("a", "h2", "dev");
		this.registry.set(new AppKey("dev", "a"), "sh001",
				new SetChange(List.of("h1"), List.of(InstanceStatus.WAITING), null, 5));
		this.registry.cancel(new AppKey("dev", "a"), "sh001", "h2", 0);
		register("x", "h1", "prod");

		assertThat(poll.answer()).isNotDone();
		assertThat(this.hub.catalog("dev").version()).isEqualTo(version);
	}

	@Test
	void closedWatchIsNeverAnsweredAndLeavesNothingParked() {
		CatalogPoll poll = this.hub.poll("dev", this.hub.catalog("dev").version());

		poll.close();
		register("a", "h1", "dev");

		assertThat(poll.answer()).isNotDone();
		assertThat(this.hub.parkedCount()).isZero();
	}

	@Test
	void versionsStartAtTheClockSoARestartedNodeDoesNotReuseThem() {
		assertThat(this.hub.catalog("dev").version()).isEqualTo(1_000);
		register("a", "h1", "dev");
		assertThat(this.hub.catalog("dev").version()).isEqualTo(1_001);
	}

	private void register(String appid, String hostname, String env) {
		this.registry.register(new Instance("sh", "sh001", env, appid, hostname, List.of("http://10.0.0.1:80"), "",
				Map.of(), InstanceStatus.UP, 1, 1, 1, 1, 1));
	}

}

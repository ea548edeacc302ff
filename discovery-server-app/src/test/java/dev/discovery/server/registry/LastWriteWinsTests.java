package dev.discovery.server.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.discovery.protocol.InstanceStatus;
import dev.discovery.protocol.Timestamps;
import dev.discovery.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes apply in version order whatever order they arrive in (docs/cluster.md,
 * "Ordering").
 */
class LastWriteWinsTests {

	private static final AppKey APP = new AppKey("dev", "app");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final Tombstones tombstones = new Tombstones(this.clock, Duration.ofMinutes(5), 1000);

	private final LastWriteWins writes = new LastWriteWins(this.registry, this.tombstones,
			new VersionClock(this.clock));

	private final long now = Timestamps.nanos(this.clock);

	@Test
	void aRegisterOlderThanARememberedCancelIsRefused() {
		this.writes.register(version(100));
		this.writes.cancel(APP, "z1", "h1", 200, 0, true);

		assertThat(this.writes.register(version(150))).isEqualTo(LastWriteWins.Stored.CANCELLED);
		assertThat(this.registry.lease(APP, "z1", "h1")).isNull();
	}

	@Test
	void aRegisterNewerThanARememberedCancelIsStored() {
		this.writes.cancel(APP, "z1", "h1", 200, 0, true);

		assertThat(this.writes.register(version(250))).isEqualTo(LastWriteWins.Stored.STORED);
	}

	@Test
	void aCancelArrivingBeforeTheRegisterItCancelsStillWins() {
		assertThat(this.writes.cancel(APP, "z1", "h1", 200, 0, true).result())
			.isEqualTo(LastWriteWins.Cancelled.Result.NOT_FOUND);

		assertThat(this.writes.register(version(100))).isEqualTo(LastWriteWins.Stored.CANCELLED);
	}

	@Test
	void aCancelOlderThanTheHeldCopyLeavesIt() {
		this.writes.register(version(300));

		LastWriteWins.Cancelled cancelled = this.writes.cancel(APP, "z1", "h1", 200, 0, true);

		assertThat(cancelled.result()).isEqualTo(LastWriteWins.Cancelled.Result.NEWER_COPY);
		assertThat(this.registry.lease(APP, "z1", "h1")).isNotNull();
	}

	@Test
	void aLocalCancelIsNewerThanEveryVersionSeen() {
		long ahead = this.now + 5_000_000_000L;
		this.writes.register(version(ahead));

		LastWriteWins.Cancelled cancelled = this.writes.cancel(APP, "z1", "h1", 0, 0, false);

		assertThat(cancelled.result()).isEqualTo(LastWriteWins.Cancelled.Result.REMOVED);
		assertThat(cancelled.version()).isGreaterThan(ahead);
	}

	@Test
	void aClientCancelOfAnUnknownInstanceIsNotRemembered() {
		this.writes.cancel(APP, "z1", "h1", 0, 0, false);

		assertThat(this.writes.register(version(this.now - 1))).isEqualTo(LastWriteWins.Stored.STORED);
	}

	@Test
	void aCancelIsForgottenAfterItsRetention() {
		this.writes.cancel(APP, "z1", "h1", 200, 0, true);

		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.writes.register(version(100))).isEqualTo(LastWriteWins.Stored.STORED);
	}

	@Test
	void aPeersSetOlderThanTheHeldCopySkipsIt() {
		this.writes.register(version(300));

		this.writes.set(APP, "z1", new SetChange(List.of("h1"), List.of(InstanceStatus.WAITING), null, 200));

		assertThat(this.registry.lease(APP, "z1", "h1").instance().status()).isEqualTo(InstanceStatus.UP);
		assertThat(this.registry.lease(APP, "z1", "h1").instance().dirtyTimestamp()).isEqualTo(300);
	}

	@Test
	void versionsIncreaseWithinOneClockTick() {
		VersionClock versions = new VersionClock(this.clock);

		long first = versions.next();

		assertThat(versions.next()).isGreaterThan(first);
	}

	private dev.discovery.protocol.Instance version(long dirty) {
		return Instances.record("app", "z1", "h1", InstanceStatus.UP, this.now, dirty);
	}

}

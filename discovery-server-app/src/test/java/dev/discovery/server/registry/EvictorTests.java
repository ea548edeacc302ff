package dev.discovery.server.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import dev.discovery.protocol.Timestamps;
import dev.discovery.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Evictor} and {@link SelfPreservationGuard} on a fake clock
 * (docs/wire-protocol.md §6, §13 items 62-64).
 */
class EvictorTests {

	private static final AppKey DEMO = new AppKey("dev", "demo");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));

	private final SelfPreservationGuard guard = new SelfPreservationGuard(0.85);

	private final Registry registry = new Registry(this.guard);

	private final Evictor evictor = new Evictor(this.registry, this.clock, new Random(42), Duration.ofSeconds(90),
			Duration.ofSeconds(3600), 0.85);

	@Test
	void silentInstanceIsEvictedAtTheFirstTickAfterNinetySecondsWhenOthersKeepRenewing() {
		registerTen();
		this.clock.advance(Duration.ofSeconds(30));
		renewAllBut("h0");
		this.clock.advance(Duration.ofSeconds(30));
		renewAllBut("h0");
		assertThat(this.evictor.evict()).isZero();
		this.clock.advance(Duration.ofSeconds(30));
		renewAllBut("h0");
		this.clock.advance(Duration.ofSeconds(30));
		renewAllBut("h0");

		int evicted = this.evictor.evict();

		assertThat(evicted).isEqualTo(1);
		assertThat(this.registry.lease(DEMO, "sh001", "h0")).isNull();
		assertThat(this.registry.size()).isEqualTo(9);
	}

	@Test
	void evictionIsLimitedToFifteenPercentOfTheRegistryPerPass() {
		registerTen();
		this.clock.advance(Duration.ofSeconds(3601));

		assertThat(this.evictor.evict()).isEqualTo(2);
		assertThat(this.registry.size()).isEqualTo(8);
	}

	@Test
	void selfPreservationKeepsSilentInstancesYoungerThanTheCeiling() {
		this.registry.register(Instances.up("demo", "h1", now()));
		this.clock.advance(Duration.ofSeconds(120));

		int evicted = this.evictor.evict();

		assertThat(this.guard.isProtected()).isTrue();
		assertThat(evicted).isZero();
		assertThat(this.registry.size()).isEqualTo(1);
	}

	@Test
	void theCeilingAppliesEvenInSelfPreservation() {
		this.registry.register(Instances.up("demo", "h1", now()));
		this.clock.advance(Duration.ofSeconds(3601));

		assertThat(this.evictor.evict()).isEqualTo(1);
	}

	@Test
	void guardThresholdIsEightyFivePercentOfExpectedRenews() {
		this.guard.resetExpected(10);

		assertThat(this.guard.expectedPerMinute()).isEqualTo(20);
		assertThat(this.guard.threshold()).isEqualTo(17);
	}

	@Test
	void guardProtectsWhenRenewsFallBelowTheThreshold() {
		this.guard.resetExpected(2);
		this.guard.renewed();

		assertThat(this.guard.tick()).isTrue();
	}

	@Test
	void guardDoesNotProtectWhenRenewsReachTheThreshold() {
		this.guard.resetExpected(1);
		this.guard.renewed();

		assertThat(this.guard.tick()).isFalse();
	}

	@Test
	void emptyRegistryIsNeverProtected() {
		assertThat(this.guard.tick()).isFalse();
	}

	@Test
	void evictionWakesListenersOfTheApp() {
		this.registry.register(Instances.up("demo", "h1", now()));
		this.registry.register(Instances.up("demo", "h2", now()));
		int[] changes = { 0 };
		this.registry.addListener((key) -> changes[0]++);
		this.clock.advance(Duration.ofSeconds(3601));

		this.evictor.evict();

		assertThat(changes[0]).isEqualTo(1);
	}

	private void registerTen() {
		for (int n = 0; n < 10; n++) {
			this.registry.register(Instances.up("demo", "h" + n, now()));
		}
	}

	private void renewAllBut(String silent) {
		for (int n = 0; n < 10; n++) {
			if (!("h" + n).equals(silent)) {
				this.registry.renew(DEMO, "sh001", "h" + n, now());
			}
		}
	}

	private long now() {
		return Timestamps.nanos(this.clock);
	}

}

package dev.discovery.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Registry}.
 */
class RegistryTests {

	private static final AppKey DEMO = new AppKey("dev", "demo");

	private final SelfPreservationGuard guard = new SelfPreservationGuard(0.85);

	private final Registry registry = new Registry(this.guard);

	@Test
	void registerMakesTheInstanceVisibleInItsZoneBucket() {
		this.registry.register(Instances.up("demo", "h1", 100));

		AppSnapshot snapshot = this.registry.snapshot(DEMO);

		assertThat(snapshot).isNotNull();
		assertThat(snapshot.zones().get("sh001")).containsOnlyKeys("h1");
		assertThat(snapshot.latestTimestamp()).isEqualTo(100);
	}

	@Test
	void everyChangeStrictlyIncreasesTheAppLatestTimestampEvenWithinOneTick() {
		this.registry.register(Instances.up("demo", "h1", 100));
		this.registry.register(Instances.up("demo", "h2", 100));
		long afterRegisters = this.registry.snapshot(DEMO).latestTimestamp();
		this.registry.cancel(DEMO, "sh001", "h2", 0);
		long afterCancel = this.registry.snapshot(DEMO).latestTimestamp();

		assertThat(afterRegisters).isEqualTo(101);
		assertThat(afterCancel).isEqualTo(102);
	}

	@Test
	void reRegisterKeepsTheUpTimestampOfTheStoredRecord() {
		this.registry.register(Instances.up("demo", "h1", 100));
		this.registry.register(Instances.up("demo", "h1", 200));

		Instance stored = this.registry.lease(DEMO, "sh001", "h1").instance();

		assertThat(stored.upTimestamp()).isEqualTo(100);
		assertThat(stored.regTimestamp()).isEqualTo(200);
	}

	@Test
	void registerWithOlderDirtyTimestampKeepsTheStoredRecordButBumpsLatest() {
		this.registry.register(Instances.record("demo", "sh001", "h1", InstanceStatus.UP, 100, 500));
		long before = this.registry.snapshot(DEMO).latestTimestamp();

		Lease stored = this.registry
			.register(Instances.record("demo", "sh001", "h1", InstanceStatus.WAITING, 200, 400));

		assertThat(stored.instance().dirtyTimestamp()).isEqualTo(500);
		assertThat(this.registry.lease(DEMO, "sh001", "h1").instance().status()).isEqualTo(InstanceStatus.UP);
		assertThat(this.registry.snapshot(DEMO).latestTimestamp()).isGreaterThan(before);
	}

	@Test
	void renewUpdatesTheLeaseWithoutChangingTheSnapshot() {
		this.registry.register(Instances.up("demo", "h1", 100));
		AppSnapshot before = this.registry.snapshot(DEMO);

		Lease lease = this.registry.renew(DEMO, "sh001", "h1", 150);

		assertThat(lease.renewTimestamp()).isEqualTo(150);
		assertThat(lease.current().renewTimestamp()).isEqualTo(150);
		assertThat(this.registry.snapshot(DEMO)).isSameAs(before);
	}

	@Test
	void renewOfUnknownInstanceAnswersNothing() {
		assertThat(this.registry.renew(DEMO, "sh001", "h1", 150)).isNull();
	}

	@Test
	void cancelOfTheLastInstanceForgetsTheApp() {
		this.registry.register(Instances.up("demo", "h1", 100));

		this.registry.cancel(DEMO, "sh001", "h1", 0);

		assertThat(this.registry.snapshot(DEMO)).isNull();
		assertThat(this.registry.appKeys()).isEmpty();
	}

	@Test
	void setIsAllOrNothingWhenAHostnameIsUnknown() {
		this.registry.register(Instances.up("demo", "h1", 100));
		AppSnapshot before = this.registry.snapshot(DEMO);

		boolean applied = this.registry.set(DEMO, "sh001",
				new SetChange(List.of("h1", "nope"), List.of(2, 2), null, 300));

		assertThat(applied).isFalse();
		assertThat(this.registry.snapshot(DEMO)).isSameAs(before);
	}

	@Test
	void setMergesMetadataAndStampsTheInstanceAndBumpsLatest() {
		this.registry.register(Instances.up("demo", "h1", 100));

		this.registry.set(DEMO, "sh001",
				new SetChange(List.of("h1"), List.of(1), List.of(Optional.of(Map.of("color", "red"))), 300));

		Instance changed = this.registry.lease(DEMO, "sh001", "h1").instance();
		assertThat(changed.metadata()).containsEntry("weight", "10").containsEntry("color", "red");
		assertThat(changed.dirtyTimestamp()).isEqualTo(300);
		assertThat(changed.latestTimestamp()).isEqualTo(300);
		assertThat(changed.upTimestamp()).isEqualTo(300);
		assertThat(this.registry.snapshot(DEMO).latestTimestamp()).isEqualTo(300);
	}

	@Test
	void setWithNullMetadataClearsIt() {
		this.registry.register(Instances.up("demo", "h1", 100));

		this.registry.set(DEMO, "sh001", new SetChange(List.of("h1"), null, List.of(Optional.empty()), 300));

		assertThat(this.registry.lease(DEMO, "sh001", "h1").instance().metadata()).isNull();
	}

	@Test
	void listenersAreToldAfterTheNewSnapshotIsVisible() {
		List<Long> seen = new ArrayList<>();
		this.registry.addListener((key) -> seen.add(this.registry.snapshot(key).latestTimestamp()));

		this.registry.register(Instances.up("demo", "h1", 100));

		assertThat(seen).containsExactly(100L);
	}

	@Test
	void newHostnamesRaiseTheExpectedRenewsAndCancelsLowerThem() {
		this.registry.register(Instances.up("demo", "h1", 100));
		this.registry.register(Instances.up("demo", "h2", 100));
		this.registry.register(Instances.up("demo", "h2", 100));
		this.registry.cancel(DEMO, "sh001", "h1", 0);

		assertThat(this.guard.expectedPerMinute()).isEqualTo(2);
	}

}

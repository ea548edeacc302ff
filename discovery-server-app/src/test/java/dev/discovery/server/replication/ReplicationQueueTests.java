package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.List;

import dev.discovery.protocol.Instance;
import dev.discovery.server.replication.ReplicationQueue.Entry;
import dev.discovery.server.replication.ReplicationQueue.Offer;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicationQueue}: coalescing, order, per-instance exclusivity, bound
 * and retry placement.
 */
class ReplicationQueueTests {

	private final ReplicationQueue queue = new ReplicationQueue(100);

	@Test
	void changesLeaveInTheOrderTheyCame() {
		this.queue.offer(register("h1"), 0);
		this.queue.offer(register("h2"), 0);
		this.queue.offer(cancel("h3"), 0);

		assertThat(takeAll()).containsExactly(register("h1"), register("h2"), cancel("h3"));
	}

	@Test
	void latestRenewReplacesThePendingOneInPlace() {
		this.queue.offer(renew("h1", 1), 0);
		this.queue.offer(register("h2"), 0);

		Offer offer = this.queue.offer(renew("h1", 2), 0);

		assertThat(offer).isEqualTo(Offer.REPLACED);
		assertThat(takeAll()).containsExactly(renew("h1", 2), register("h2"));
	}

	@Test
	void replacedRenewKeepsTheAgeOfTheFirst() {
		this.queue.offer(renew("h1", 1), 1_000);

		this.queue.offer(renew("h1", 2), 5_000);

		assertThat(this.queue.lagMillis(6_000)).isEqualTo(5_000);
	}

	@Test
	void pendingRegisterMakesARenewUnnecessary() {
		this.queue.offer(register("h1"), 0);

		Offer offer = this.queue.offer(renew("h1", 1), 0);

		assertThat(offer).isEqualTo(Offer.COVERED);
		assertThat(takeAll()).containsExactly(register("h1"));
	}

	@Test
	void repeatedRegisterMovesToTheTail() {
		Instance newer = instance("h1", 2);
		this.queue.offer(register("h1"), 0);
		this.queue.offer(register("h2"), 0);

		Offer offer = this.queue.offer(ReplicationOp.register(newer), 0);

		assertThat(offer).isEqualTo(Offer.QUEUED);
		assertThat(takeAll()).containsExactly(register("h2"), ReplicationOp.register(newer));
	}

	@Test
	void renewAfterAPendingCancelIsQueued() {
		this.queue.offer(cancel("h1"), 0);

		Offer offer = this.queue.offer(renew("h1", 1), 0);

		assertThat(offer).isEqualTo(Offer.QUEUED);
		assertThat(this.queue.size()).isEqualTo(2);
	}

	@Test
	void fullQueueDropsNewChanges() {
		ReplicationQueue small = new ReplicationQueue(2);
		small.offer(register("h1"), 0);
		small.offer(register("h2"), 0);

		Offer offer = small.offer(register("h3"), 0);

		assertThat(offer).isEqualTo(Offer.DROPPED);
		assertThat(small.size()).isEqualTo(2);
	}

	@Test
	void fullQueueStillCoalescesRepeats() {
		ReplicationQueue small = new ReplicationQueue(2);
		small.offer(renew("h1", 1), 0);
		small.offer(register("h2"), 0);

		assertThat(small.offer(renew("h1", 2), 0)).isEqualTo(Offer.REPLACED);
		assertThat(small.offer(register("h2"), 0)).isEqualTo(Offer.QUEUED);
		assertThat(small.offer(renew("h2", 1), 0)).isEqualTo(Offer.COVERED);
		assertThat(small.size()).isEqualTo(2);
	}

	@Test
	void changeOfAnInstanceInFlightWaitsAndLaterInstancesGoAhead() {
		this.queue.offer(register("h1"), 0);
		this.queue.offer(cancel("h1"), 0);
		this.queue.offer(register("h2"), 0);
		Entry first = this.queue.take();

		assertThat(this.queue.take().op()).isEqualTo(register("h2"));
		assertThat(this.queue.take()).isNull();

		this.queue.complete(first);
		assertThat(this.queue.take().op()).isEqualTo(cancel("h1"));
	}

	@Test
	void changeWaitsBehindAnOlderWaitingChangeOfItsInstance() {
		this.queue.offer(register("h1"), 0);
		this.queue.offer(set("h1", "h2"), 0);
		this.queue.offer(renew("h2", 1), 0);
		this.queue.offer(register("h3"), 0);
		this.queue.take();

		assertThat(this.queue.take().op()).isEqualTo(register("h3"));
		assertThat(this.queue.take()).isNull();
	}

	@Test
	void setKeepsEveryInstanceItNamesBusy() {
		this.queue.offer(set("h1", "h2"), 0);
		this.queue.offer(renew("h2", 1), 0);
		Entry set = this.queue.take();

		assertThat(this.queue.take()).isNull();

		this.queue.complete(set);
		assertThat(this.queue.take().op()).isEqualTo(renew("h2", 1));
	}

	@Test
	void takeLooksNoFurtherThanTheScanLimit() {
		ReplicationQueue large = new ReplicationQueue(ReplicationQueue.SCAN_LIMIT + 10);
		List<String> hostnames = new ArrayList<>(List.of("busy"));
		for (int i = 1; i < ReplicationQueue.SCAN_LIMIT; i++) {
			hostnames.add("h" + i);
		}
		large.offer(register("busy"), 0);
		large.take();
		// Waits for "busy", and every renew below waits for it.
		large.offer(set(hostnames.toArray(String[]::new)), 0);
		for (int i = 1; i < ReplicationQueue.SCAN_LIMIT; i++) {
			large.offer(renew("h" + i, 1), 0);
		}
		large.offer(register("free"), 0);

		assertThat(large.size()).isEqualTo(ReplicationQueue.SCAN_LIMIT + 1);
		assertThat(large.take()).isNull();
	}

	@Test
	void retriedChangeGoesBackToItsPlace() {
		this.queue.offer(register("h1"), 0);
		this.queue.offer(register("h2"), 0);
		Entry first = this.queue.take();

		this.queue.retry(first);

		assertThat(takeAll()).containsExactly(register("h1"), register("h2"));
	}

	@Test
	void retriedChangeIsSupersededByANewerOneWithItsKey() {
		this.queue.offer(renew("h1", 1), 0);
		Entry old = this.queue.take();
		this.queue.offer(renew("h1", 2), 0);

		this.queue.retry(old);

		assertThat(takeAll()).containsExactly(renew("h1", 2));
	}

	@Test
	void retriedChangeReturnsEvenToAFullQueue() {
		ReplicationQueue small = new ReplicationQueue(1);
		small.offer(register("h1"), 0);
		Entry first = small.take();
		small.offer(register("h2"), 0);

		small.retry(first);

		assertThat(small.size()).isEqualTo(2);
	}

	@Test
	void queueIsIdleOnlyWhenNothingIsQueuedOrInFlight() {
		this.queue.offer(register("h1"), 0);
		Entry entry = this.queue.take();

		assertThat(this.queue.size()).isZero();
		assertThat(this.queue.inFlight()).isOne();
		assertThat(this.queue.isIdle()).isFalse();

		this.queue.complete(entry);
		assertThat(this.queue.isIdle()).isTrue();
	}

	@Test
	void clearDropsQueuedChangesButNotThoseInFlight() {
		this.queue.offer(register("h1"), 0);
		this.queue.offer(register("h2"), 0);
		this.queue.take();

		this.queue.clear();

		assertThat(this.queue.size()).isZero();
		assertThat(this.queue.inFlight()).isOne();
	}

	@Test
	void lagIsTheAgeOfTheOldestQueuedChange() {
		assertThat(this.queue.lagMillis(10_000)).isZero();

		this.queue.offer(register("h1"), 2_000);
		this.queue.offer(register("h2"), 7_000);

		assertThat(this.queue.lagMillis(10_000)).isEqualTo(8_000);
	}

	private List<ReplicationOp> takeAll() {
		List<ReplicationOp> taken = new ArrayList<>();
		for (Entry entry = this.queue.take(); entry != null; entry = this.queue.take()) {
			taken.add(entry.op());
			this.queue.complete(entry);
		}
		return taken;
	}

	private static ReplicationOp register(String hostname) {
		return ReplicationOp.register(instance(hostname, 1));
	}

	private static ReplicationOp renew(String hostname, long dirtyTimestamp) {
		return ReplicationOp.renew(instance(hostname, dirtyTimestamp));
	}

	private static ReplicationOp cancel(String hostname) {
		return ReplicationOp.cancel(instance(hostname, 1), 0);
	}

	private static ReplicationOp set(String... hostnames) {
		return ReplicationOp
			.set(new ReplicatedSet("sh", "sh001", "dev", "app", List.of(hostnames), List.of("2"), List.of(), 1));
	}

	private static Instance instance(String hostname, long dirtyTimestamp) {
		return new Instance("sh", "sh001", "dev", "app", hostname, List.of("http://127.0.0.1:8080"), "", null, 1, 1, 1,
				1, dirtyTimestamp, 1);
	}

}

package dev.discovery.server.replication;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerChannelMeters}.
 */
class PeerChannelMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FixedBacklog backlog = new FixedBacklog();

	private final PeerChannelMeters meters = new PeerChannelMeters("10.0.0.2:7171", this.backlog, this.registry);

	@Test
	void gaugesReadTheBacklog() {
		assertThat(this.registry.get("discovery.replication.queue").tag("peer", "10.0.0.2:7171").gauge().value())
			.isEqualTo(3);
		assertThat(this.registry.get("discovery.replication.lag").tag("peer", "10.0.0.2:7171").gauge().value())
			.isEqualTo(1.5);
	}

	@Test
	void droppedChangesAreCounted() {
		this.meters.dropped();
		this.meters.dropped();

		assertThat(this.registry.get("discovery.replication.dropped").counter().count()).isEqualTo(2);
	}

	@Test
	void deliveriesAreTimed() {
		this.meters.delivered(Duration.ofMillis(250));

		assertThat(this.registry.get("discovery.replication.delivery").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(250);
	}

	@Test
	void requestsAreCountedByActionAndOutcome() {
		this.meters.requested(ReplicationOp.Action.RENEW, PeerChannel.Outcome.SUCCESS);
		this.meters.requested(ReplicationOp.Action.RENEW, PeerChannel.Outcome.SUCCESS);
		this.meters.requested(ReplicationOp.Action.CANCEL, PeerChannel.Outcome.TRANSIENT);

		assertThat(this.registry.get("discovery.replication.requests")
			.tags("peer", "10.0.0.2:7171", "action", "renew", "outcome", "success")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("discovery.replication.requests")
			.tags("action", "cancel", "outcome", "transient")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void closeRemovesTheGaugesAndKeepsTheTotals() {
		this.meters.dropped();

		this.meters.close();

		assertThat(this.registry.find("discovery.replication.queue").gauges()).isEmpty();
		assertThat(this.registry.find("discovery.replication.lag").gauges()).isEmpty();
		assertThat(this.registry.get("discovery.replication.dropped").counter().count()).isEqualTo(1);
	}

	/**
	 * Three changes, the oldest 1.5 s old.
	 */
	private static final class FixedBacklog implements PeerChannelMeters.Backlog {

		@Override
		public int depth() {
			return 3;
		}

		@Override
		public double lagSeconds() {
			return 1.5;
		}

	}

}

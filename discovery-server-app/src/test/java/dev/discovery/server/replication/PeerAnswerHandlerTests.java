package dev.discovery.server.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Node;
import dev.discovery.protocol.testing.MutableClock;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.Tombstones;
import dev.discovery.server.registry.VersionClock;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.replication.PeerChannel.Outcome;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerAnswerHandler}: the sender's handling of peer answers of
 * docs/wire-protocol.md §5.4, with its fixes (D10).
 */
class PeerAnswerHandlerTests {

	private static final String PEER = "127.0.0.1:7172";

	private static final Instance LOCAL = instance(100, "http://127.0.0.1:8080");

	private final ClusterNodes nodes = new ClusterNodes("127.0.0.1:7171", "sh001", List.of("127.0.0.1:7171", PEER),
			Map.of());

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final PeerClient client = new PeerClient(new PeerSignature(null, this.clock, Duration.ofSeconds(30)),
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

	private final PeerAnswerHandler handler = new PeerAnswerHandler(this.nodes, this.registry,
			new LastWriteWins(this.registry, new Tombstones(this.clock, Duration.ofMinutes(5), 1000),
					new VersionClock(this.clock)),
			this.clock);

	// Without addresses it keeps what it is offered: the follow-ups can be counted.
	private final PeerChannel channel = new PeerChannel(PEER, true, List.of(),
			new PeerReplicator.Settings(10, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
			new PeerChannel.Dependencies(this.client, this.handler, new ThreadPoolTaskScheduler(), this.clock,
					new Random(), new SimpleMeterRegistry()));

	@Test
	void acceptedChangeIsDoneAndThePeerUp() {
		assertThat(handle(ReplicationOp.register(LOCAL), envelope(0))).isEqualTo(Outcome.SUCCESS);
		assertThat(peerStatus()).isEqualTo(Node.UP);
	}

	@Test
	void peerAnsweringMinus500IsRetriedAndLost() {
		handle(ReplicationOp.register(LOCAL), envelope(0));

		assertThat(handle(ReplicationOp.register(LOCAL), envelope(-500))).isEqualTo(Outcome.TRANSIENT);
		assertThat(peerStatus()).isEqualTo(Node.LOST);
	}

	@Test
	void unreachablePeerIsRetriedAndLost() {
		handle(ReplicationOp.register(LOCAL), envelope(0));

		assertThat(handle(ReplicationOp.register(LOCAL), PeerAnswer.failed("ConnectException")))
			.isEqualTo(Outcome.TRANSIENT);
		assertThat(peerStatus()).isEqualTo(Node.LOST);
	}

	@Test
	void httpServerErrorIsRetried() {
		assertThat(handle(ReplicationOp.register(LOCAL), http(502))).isEqualTo(Outcome.TRANSIENT);
	}

	@Test
	void httpClientErrorIsNotRetried() {
		assertThat(handle(ReplicationOp.register(LOCAL), http(403))).isEqualTo(Outcome.PERMANENT);
	}

	@Test
	void refusedRegisterIsNotRetried() {
		assertThat(handle(ReplicationOp.register(LOCAL), envelope(-400))).isEqualTo(Outcome.PERMANENT);
	}

	@Test
	void renewUnknownToThePeerSendsItTheLocalCopy() {
		this.registry.register(LOCAL);

		assertThat(handle(ReplicationOp.renew(LOCAL), envelope(-404))).isEqualTo(Outcome.SUCCESS);
		assertThat(this.channel.depth()).isOne();
	}

	@Test
	void renewOfAnInstanceGoneHereSendsNothing() {
		assertThat(handle(ReplicationOp.renew(LOCAL), envelope(-404))).isEqualTo(Outcome.SUCCESS);
		assertThat(this.channel.depth()).isZero();
	}

	@Test
	void newerCopyHeldByThePeerIsTakenWithItsDirtyTimestamp() {
		this.registry.register(LOCAL);
		Instance newer = instance(200, "http://127.0.0.1:9090");

		assertThat(handle(ReplicationOp.renew(LOCAL), conflict(newer))).isEqualTo(Outcome.SUCCESS);
		Instance stored = this.registry.lease(new AppKey("dev", "app"), "sh001", "h1").instance();
		assertThat(stored.dirtyTimestamp()).isEqualTo(200);
		assertThat(stored.addrs()).containsExactly("http://127.0.0.1:9090");
		assertThat(this.channel.depth()).isZero();
	}

	@Test
	void olderCopyHeldByThePeerIsIgnored() {
		this.registry.register(LOCAL);

		handle(ReplicationOp.renew(LOCAL), conflict(instance(50, "http://127.0.0.1:9090")));

		Instance stored = this.registry.lease(new AppKey("dev", "app"), "sh001", "h1").instance();
		assertThat(stored.dirtyTimestamp()).isEqualTo(100);
	}

	@Test
	void cancelOfAnInstanceThePeerLacksIsDone() {
		assertThat(handle(ReplicationOp.cancel(LOCAL, 0), envelope(-404))).isEqualTo(Outcome.SUCCESS);
	}

	@Test
	void setRefusedForAMissingInstanceSendsTheLocalCopies() {
		this.registry.register(LOCAL);
		ReplicatedSet set = new ReplicatedSet("sh", "sh001", "dev", "app", List.of("h1", "h2"), List.of("2"), List.of(),
				1);

		assertThat(handle(ReplicationOp.set(set), envelope(-400))).isEqualTo(Outcome.PERMANENT);
		assertThat(this.channel.depth()).isOne();
	}

	@Test
	void otherZoneAnswersLeaveTheNodeListAlone() {
		PeerChannel zone = new PeerChannel("zone:sh002", false, List.of(),
				new PeerReplicator.Settings(10, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new PeerChannel.Dependencies(this.client, this.handler, new ThreadPoolTaskScheduler(), this.clock,
						new Random(), new SimpleMeterRegistry()));
		handle(ReplicationOp.register(LOCAL), envelope(0));

		this.handler.handle(zone, PEER, ReplicationOp.register(LOCAL), envelope(-500));

		assertThat(peerStatus()).isEqualTo(Node.UP);
	}

	private Outcome handle(ReplicationOp op, PeerAnswer answer) {
		return this.handler.handle(this.channel, PEER, op, answer);
	}

	private int peerStatus() {
		return this.nodes.nodes().get(1).status();
	}

	private static PeerAnswer envelope(int code) {
		return new PeerAnswer(200, code, null, null);
	}

	private static PeerAnswer http(int status) {
		return new PeerAnswer(status, null, null, "HTTP " + status);
	}

	private static PeerAnswer conflict(Instance copy) {
		return new PeerAnswer(200, -409, copy, null);
	}

	private static Instance instance(long dirtyTimestamp, String addr) {
		return new Instance("sh", "sh001", "dev", "app", "h1", List.of(addr), "", null, 1, 1, 1, 1, dirtyTimestamp, 1);
	}

}

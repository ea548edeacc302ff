package dev.discovery.server.replication;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerAddresses}.
 */
class PeerAddressesTests {

	private final Random last = new Random() {

		@Override
		public int nextInt(int bound) {
			return bound - 1;
		}

	};

	private final PeerAddresses zone = new PeerAddresses(List.of("a:1", "b:1", "c:1"), this.last);

	@Test
	void firstNodeIsPickedAtRandom() {
		assertThat(this.zone.current()).isEqualTo("c:1");
	}

	@Test
	void failureMovesToTheNextNodeInTurn() {
		this.zone.next();
		assertThat(this.zone.current()).isEqualTo("a:1");

		this.zone.next();
		assertThat(this.zone.current()).isEqualTo("b:1");
	}

	@Test
	void singleNodeStaysAfterAFailure() {
		PeerAddresses peer = new PeerAddresses(List.of("a:1"), this.last);

		peer.next();

		assertThat(peer.current()).isEqualTo("a:1");
	}

	@Test
	void replacingKeepsTheCurrentNodeWhenStillListed() {
		this.zone.replace(List.of("c:1", "d:1"));

		assertThat(this.zone.current()).isEqualTo("c:1");
	}

	@Test
	void replacingPicksAnotherNodeWhenTheCurrentIsGone() {
		this.zone.replace(List.of("d:1", "e:1"));

		assertThat(this.zone.current()).isEqualTo("e:1");
	}

	@Test
	void noNodesLeaveNothingToSendTo() {
		this.zone.replace(List.of());

		assertThat(this.zone.isEmpty()).isTrue();
		assertThat(this.zone.current()).isEmpty();
	}

	@Test
	void nodesListedAgainAreUsedAgain() {
		PeerAddresses empty = new PeerAddresses(List.of(), this.last);

		empty.replace(List.of("a:1", "b:1"));

		assertThat(empty.isEmpty()).isFalse();
		assertThat(empty.current()).isEqualTo("b:1");
	}

}

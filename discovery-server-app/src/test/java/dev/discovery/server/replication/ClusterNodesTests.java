package dev.discovery.server.replication;

import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterNodes}.
 */
class ClusterNodesTests {

	private final ClusterNodes nodes = new ClusterNodes("10.0.0.1:7171", "sh001",
			List.of("10.0.0.1:7171", "10.0.0.2:7171"),
			Map.of("sh001", List.of("10.0.0.9:7171"), "sh002", List.of("10.2.0.1:7171")));

	@Test
	void selfAndItsOwnZoneAreNeverDestinations() {
		assertThat(this.nodes.localPeers()).containsExactly("10.0.0.2:7171");
		assertThat(this.nodes.otherZones()).containsOnlyKeys("sh002");
	}

	@Test
	void learnedNodesJoinTheConfiguredOnes() {
		long before = this.nodes.version();

		boolean changed = this.nodes.update(List.of("10.0.0.1:7171", "10.0.0.3:7171"),
				Map.of("sh003", List.of("10.3.0.1:7171")));

		assertThat(changed).isTrue();
		assertThat(this.nodes.version()).isGreaterThan(before);
		assertThat(this.nodes.localPeers()).containsExactly("10.0.0.2:7171", "10.0.0.3:7171");
		assertThat(this.nodes.otherZones()).containsOnlyKeys("sh002", "sh003");
	}

	@Test
	void sameNodeSetsAreNoChange() {
		this.nodes.update(List.of("10.0.0.3:7171"), Map.of());
		long version = this.nodes.version();

		assertThat(this.nodes.update(List.of("10.0.0.3:7171"), Map.of())).isFalse();
		assertThat(this.nodes.version()).isEqualTo(version);
	}

	@Test
	void rebuildKeepsTheStatusOfUnchangedPeers() {
		this.nodes.markReachable("10.0.0.2:7171", true);

		this.nodes.update(List.of("10.0.0.3:7171"), Map.of());

		assertThat(this.nodes.nodes()).containsExactly(new Node("10.0.0.1:7171", Node.UP, "sh001"),
				new Node("10.0.0.2:7171", Node.UP, "sh001"), new Node("10.0.0.3:7171", Node.LOST, "sh001"));
	}

	@Test
	void peerThatStopsAnsweringIsLost() {
		this.nodes.markReachable("10.0.0.2:7171", true);

		this.nodes.markReachable("10.0.0.2:7171", false);

		assertThat(this.nodes.nodes().get(1).status()).isEqualTo(Node.LOST);
	}

	@Test
	void bindingTheAdvertisedAddressRemovesSelfFromThePeers() {
		ClusterNodes unbound = new ClusterNodes("", "sh001", List.of("127.0.0.1:7171", "127.0.0.1:7172"), Map.of());

		unbound.bind("127.0.0.1:7171");

		assertThat(unbound.localPeers()).containsExactly("127.0.0.1:7172");
		assertThat(unbound.nodes().get(0).addr()).isEqualTo("127.0.0.1:7171");
	}

}

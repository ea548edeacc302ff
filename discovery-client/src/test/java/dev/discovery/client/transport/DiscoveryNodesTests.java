package dev.discovery.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DiscoveryNodes}.
 */
class DiscoveryNodesTests {

	private final MutableClock clock = new MutableClock();

	private final DiscoveryNodes nodes = new DiscoveryNodes(List.of("127.0.0.1:7171"), "sh001", Duration.ofMinutes(30),
			this.clock, new Random(1));

	@Test
	void noSeedsIsAStartUpError() {
		assertThatExceptionOfType(NoDiscoveryNodesException.class)
			.isThrownBy(() -> new DiscoveryNodes(List.of(), "sh001", Duration.ofMinutes(30), this.clock, new Random()));
	}

	@Test
	void seedIsUsedUntilTheRegistryPublishesNodes() {
		assertThat(this.nodes.current()).isEqualTo(URI.create("http://127.0.0.1:7171"));
	}

	@Test
	void liveNodesOfOwnZoneComeFirstAndSeedsStayAsFallback() {
		boolean changed = this.nodes.updateFromRegistry(List.of(server("sh001", "http://127.0.0.2:7171"),
				server("sh002", "http://127.0.0.3:7171"), server("sh001", "grpc://127.0.0.4:9000")));
		assertThat(changed).isTrue();
		assertThat(this.nodes.candidates()).containsExactly(URI.create("http://127.0.0.2:7171"),
				URI.create("http://127.0.0.1:7171"));
	}

	@Test
	void noOwnZoneNodeKeepsTheList() {
		assertThat(this.nodes.updateFromRegistry(List.of(server("sh002", "http://127.0.0.3:7171")))).isFalse();
		assertThat(this.nodes.candidates()).containsExactly(URI.create("http://127.0.0.1:7171"));
	}

	@Test
	void removedNodesDisappear() {
		this.nodes.updateFromRegistry(
				List.of(server("sh001", "http://127.0.0.2:7171"), server("sh001", "http://127.0.0.3:7171")));
		this.nodes.updateFromRegistry(List.of(server("sh001", "http://127.0.0.3:7171")));
		assertThat(this.nodes.candidates()).containsExactly(URI.create("http://127.0.0.3:7171"),
				URI.create("http://127.0.0.1:7171"));
	}

	@Test
	void failureMovesToTheNextNode() {
		this.nodes.updateFromRegistry(List.of(server("sh001", "http://127.0.0.2:7171")));
		URI first = this.nodes.current();
		this.nodes.failed(first);
		assertThat(this.nodes.current()).isNotEqualTo(first);
		this.nodes.failed(this.nodes.current());
		assertThat(this.nodes.current()).isEqualTo(first);
	}

	@Test
	void failureOfAnotherNodeDoesNotMove() {
		this.nodes.updateFromRegistry(List.of(server("sh001", "http://127.0.0.2:7171")));
		URI first = this.nodes.current();
		this.nodes.failed(URI.create("http://127.0.0.9:7171"));
		assertThat(this.nodes.current()).isEqualTo(first);
	}

	@Test
	void nodeRotatesAfterTheInterval() {
		this.nodes.updateFromRegistry(List.of(server("sh001", "http://127.0.0.2:7171")));
		URI first = this.nodes.current();
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.nodes.current()).isNotEqualTo(first);
	}

	@Test
	void ipv6NodesAreBracketed() {
		assertThat(NodeAddress.toUri("[::1]:7171")).isEqualTo(URI.create("http://[::1]:7171"));
		assertThat(NodeAddress.uriHost("fe80::1")).isEqualTo("[fe80::1]");
	}

	private static Instance server(String zone, String addr) {
		return new Instance("sh", zone, "dev", "infra.discovery", addr, List.of(addr), "", Map.of(), 1, 1, 1, 1, 1, 1);
	}

	@Test
	void nodeWithAPathOrWithoutAPortIsRefusedWithTheReason() {
		assertThatExceptionOfType(InvalidDiscoveryNodeException.class)
			.isThrownBy(() -> NodeAddress.toUri("http://127.0.0.1:7171/eureka/"))
			.withMessageContaining("must not have a path")
			.withMessageContaining("http://127.0.0.1:7171");
		assertThatExceptionOfType(InvalidDiscoveryNodeException.class)
			.isThrownBy(() -> NodeAddress.toUri("discovery.local"))
			.withMessageContaining("port");
		assertThatExceptionOfType(InvalidDiscoveryNodeException.class)
			.isThrownBy(() -> NodeAddress.toUri("grpc://127.0.0.1:9000"))
			.withMessageContaining("http(s)");
		assertThat(NodeAddress.toUri("https://127.0.0.1:7171/")).isEqualTo(URI.create("https://127.0.0.1:7171"));
	}

}

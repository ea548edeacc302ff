package dev.discovery.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.service.ReadGate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveryServerHealthIndicator}.
 */
class DiscoveryServerHealthIndicatorTests {

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final ClusterNodes nodes = new ClusterNodes("127.0.0.1:7171", "sh001", List.of("127.0.0.1:7272"), Map.of());

	@Test
	void nodeServingReadsIsUpWithItsFigures() {
		this.registry.register(new Instance("sh", "sh001", "dev", "a", "h1", List.of("http://10.0.0.1:80"), "", null, 1,
				1, 1, 1, 1, 1));

		Health health = indicator(false).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("instances", 1)
			.containsEntry("startupProtection", false)
			.containsEntry("peers", 1)
			.containsEntry("lostPeers", 1L);
	}

	@Test
	void nodeUnderStartupProtectionIsOutOfService() {
		assertThat(indicator(true).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	private DiscoveryServerHealthIndicator indicator(boolean protect) {
		ReadGate gate = new ReadGate(protect, new ThreadPoolTaskScheduler(), Duration.ofSeconds(60));
		return new DiscoveryServerHealthIndicator(this.registry, new PollHub(this.registry, Runnable::run), gate,
				this.nodes);
	}

}

package dev.discovery.client.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.discovery.client.testing.FakeTime;
import dev.discovery.client.testing.ScriptedApi;
import dev.discovery.client.testing.ScriptedDiscovery;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.protocol.Instance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long-poll loop's timing, on a fake clock and a timer the test drives.
 */
class InstancePollerTimingTests {

	private final ScriptedDiscovery discovery = new ScriptedDiscovery("demo.app");

	private final FakeTime time = this.discovery.time;

	private final ScriptedApi api = this.discovery.api;

	private final DiscoveryTransport transport = this.discovery.transport;

	private final InstanceCache cache = this.discovery.cache;

	private final InstancePoller poller = this.discovery.poller;

	@Test
	void pollsAgainAtOnceAfterNotModified() {
		this.poller.start();
		this.time.runNext();
		assertThat(this.api.count("polls")).isOne();
		assertThat(this.time.nextDelay()).isZero();
	}

	@Test
	void appliesAChangeAndSendsItsTimestampWithTheNextPoll() {
		this.api.pollChanges(Map.of("demo.app", List.of(instance("h1"))), 7);
		this.poller.start();
		this.time.runNext();
		this.time.runNext();
		assertThat(this.cache.get("demo.app").orElseThrow().instances()).extracting(DiscoveredInstance::getInstanceId)
			.containsExactly("h1");
		assertThat(this.api.calls()).last().isEqualTo("polls [demo.app, infra.discovery] [7, 0]");
	}

	@Test
	void retriesTheFirstFailureAtOnceAndBacksOffAfterTheSecond() {
		this.api.pollFails();
		this.api.pollFails();
		this.poller.start();
		this.time.runNext();
		assertThat(this.time.nextDelay()).isZero();
		this.time.runNext();
		// 4 s backoff with jitter: between 3 s and 5 s
		assertThat(this.time.nextDelay()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
		assertThat(this.poller.status().consecutiveFailures()).isEqualTo(2);
		this.time.runNext();
		assertThat(this.poller.status().consecutiveFailures()).isZero();
	}

	@Test
	void keepsTheCachedInstancesWhilePollsFail() {
		this.api.pollChanges(Map.of("demo.app", List.of(instance("h1"))), 7);
		this.api.pollFails();
		this.api.pollFails();
		this.poller.start();
		this.time.runNext();
		this.time.runNext();
		this.time.runNext();
		assertThat(this.cache.get("demo.app").orElseThrow().instances()).hasSize(1);
		assertThat(this.cache.timestamp("demo.app", this.transport.nodes().current())).isZero();
	}

	@Test
	void watchingANewAppRestartsThePollWithIt() {
		this.poller.start();
		this.time.runNext();
		this.poller.watch(List.of("other.app"));
		this.time.runNext();
		assertThat(this.api.calls()).last().asString().startsWith("polls [demo.app, infra.discovery, other.app]");
	}

	@Test
	void stopsPolling() {
		this.poller.start();
		this.time.runNext();
		this.poller.stop();
		assertThat(this.time.pending()).isZero();
	}

	private static Instance instance(String hostname) {
		return new Instance("sh", "sh001", "dev", "demo.app", hostname, List.of("http://127.0.0.1:8000"), "", Map.of(),
				1, 1, 1, 1, 1, 1);
	}

}

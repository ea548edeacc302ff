package dev.discovery.client.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.discovery.client.testing.FakeTime;
import dev.discovery.client.testing.ScriptedApi;
import dev.discovery.client.testing.ScriptedDiscovery;
import dev.discovery.protocol.Instance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watching an app, with the long poll driven on a fake clock.
 */
class DiscoveryInstancesWatchTests {

	private final ScriptedDiscovery discovery = new ScriptedDiscovery();

	private final FakeTime time = this.discovery.time;

	private final ScriptedApi api = this.discovery.api;

	private final InstanceCache cache = this.discovery.cache;

	private final InstancePoller poller = this.discovery.poller;

	private final DiscoveryInstances instances = this.discovery.instances;

	private final List<List<String>> seen = new CopyOnWriteArrayList<>();

	@Test
	void tellsTheCurrentInstancesAtOnce() {
		this.instances.watch("demo.app", this::record);
		assertThat(this.seen).containsExactly(List.of());
		assertThat(this.api.calls()).containsExactly("fetch [demo.app]");
	}

	@Test
	void tellsEveryChangeTheLongPollBrings() {
		this.poller.start();
		this.instances.watch("demo.app", this::record);
		this.api.pollChanges(Map.of("demo.app", List.of(instance("h1"))), 3);
		this.time.runNext();
		this.api.pollChanges(Map.of("demo.app", List.of(instance("h1"), instance("h2"))), 4);
		this.time.runNext();
		assertThat(this.seen).containsExactly(List.of(), List.of("h1"), List.of("h1", "h2"));
	}

	@Test
	void tellsNothingAboutOtherApps() {
		this.poller.start();
		this.instances.watch("demo.app", this::record);
		this.instances.instances("other.app");
		this.api.pollChanges(Map.of("other.app", List.of(instance("h9"))), 3);
		this.time.runNext();
		assertThat(this.seen).containsExactly(List.of());
	}

	@Test
	void tellsNothingOnceClosed() {
		this.poller.start();
		this.instances.watch("demo.app", this::record).close();
		this.api.pollChanges(Map.of("demo.app", List.of(instance("h1"))), 3);
		this.time.runNext();
		assertThat(this.seen).containsExactly(List.of());
	}

	private void record(List<DiscoveredInstance> discovered) {
		this.seen.add(discovered.stream().map(DiscoveredInstance::getInstanceId).toList());
	}

	private static Instance instance(String hostname) {
		String appid = hostname.equals("h9") ? "other.app" : "demo.app";
		return new Instance("sh", "sh001", "dev", appid, hostname, List.of("http://127.0.0.1:8000"), "", Map.of(), 1, 1,
				1, 1, 1, 1);
	}

}

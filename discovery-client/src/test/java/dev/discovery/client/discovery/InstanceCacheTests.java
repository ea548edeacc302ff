package dev.discovery.client.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceCache}.
 */
class InstanceCacheTests {

	private static final URI NODE = URI.create("http://127.0.0.1:7171");

	private static final URI OTHER_NODE = URI.create("http://127.0.0.2:7171");

	private final InstanceCache cache = new InstanceCache(true);

	@Test
	void answerReplacesTheInstancesAndRemembersTheTimestampOfItsNode() {
		assertThat(this.cache.apply("a", info(10, instance("h1", "sh001")), NODE)).isTrue();
		assertThat(this.cache.get("a").orElseThrow().instances()).extracting(DiscoveredInstance::getInstanceId)
			.containsExactly("h1");
		assertThat(this.cache.timestamp("a", NODE)).isEqualTo(10);
		assertThat(this.cache.timestamp("a", OTHER_NODE)).isZero();
	}

	@Test
	void olderAnswerOfTheSameNodeIsIgnored() {
		this.cache.apply("a", info(10, instance("h1", "sh001")), NODE);
		assertThat(this.cache.apply("a", info(9, instance("h2", "sh001")), NODE)).isFalse();
		assertThat(this.cache.get("a").orElseThrow().instances()).extracting(DiscoveredInstance::getInstanceId)
			.containsExactly("h1");
	}

	@Test
	void emptyAnswerKeepsTheInstancesButMovesTheTimestamp() {
		this.cache.apply("a", info(10, instance("h1", "sh001")), NODE);
		assertThat(this.cache.apply("a", info(11), NODE)).isFalse();
		assertThat(this.cache.get("a").orElseThrow().instances()).hasSize(1);
		assertThat(this.cache.timestamp("a", NODE)).isEqualTo(11);
	}

	@Test
	void emptyAnswerEmptiesTheListWhenConfigured() {
		InstanceCache strict = new InstanceCache(false);
		strict.apply("a", info(10, instance("h1", "sh001")), NODE);
		assertThat(strict.apply("a", info(11), NODE)).isTrue();
		assertThat(strict.get("a").orElseThrow().instances()).isEmpty();
	}

	@Test
	void sameInstancesAreNoChangeAndNotifyNobody() {
		List<String> notified = new ArrayList<>();
		this.cache.addListener((appid, instances) -> notified.add(appid));
		this.cache.apply("a", info(10, instance("h1", "sh001")), NODE);
		this.cache.apply("a", info(11, instance("h1", "sh001")), NODE);
		assertThat(notified).containsExactly("a");
		assertThat(this.cache.version()).isEqualTo(1);
	}

	@Test
	void newSchedulerWithSameInstancesIsAChangeAndIsKept() {
		List<String> notified = new ArrayList<>();
		this.cache.addListener((appid, instances) -> notified.add(appid));
		this.cache.apply("a", info(10, instance("h1", "sh001")), NODE);
		Object scheduler = List.of(Map.of("src", "sh001", "dst", Map.of("sh002", 1)));
		InstanceInfo scheduled = new InstanceInfo(Map.of("sh001", List.of(instance("h1", "sh001"))), scheduler, 11);
		assertThat(this.cache.apply("a", scheduled, NODE)).isTrue();
		assertThat(notified).containsExactly("a", "a");
		assertThat(this.cache.get("a").orElseThrow().schedule().destinations("sh001")).contains(Map.of("sh002", 1));
	}

	@Test
	void waitingInstancesAreNotOffered() {
		Instance waiting = new Instance("sh", "sh001", "dev", "a", "h2", List.of("http://127.0.0.1:8081"), "", Map.of(),
				2, 1, 1, 1, 1, 1);
		this.cache.apply("a", info(10, instance("h1", "sh001"), waiting), NODE);
		assertThat(this.cache.get("a").orElseThrow().instances()).extracting(DiscoveredInstance::getInstanceId)
			.containsExactly("h1");
	}

	@Test
	void resetForgetsTimestampsButKeepsInstances() {
		this.cache.apply("a", info(10, instance("h1", "sh001")), NODE);
		this.cache.resetTimestamps();
		assertThat(this.cache.timestamp("a", NODE)).isZero();
		assertThat(this.cache.get("a").orElseThrow().instances()).hasSize(1);
	}

	@Test
	void serviceInstanceCarriesZoneHintAndWeight() {
		Instance instance = new Instance("sh", "sh002", "dev", "a", "h1",
				List.of("grpc://127.0.0.1:9000", "http://[::1]:8080"), "1.0", Map.of("color", "gray", "weight", "5"), 1,
				1, 1, 1, 1, 1);
		DiscoveredInstance converted = DiscoveredInstance.from(instance).orElseThrow();
		assertThat(converted.getUri()).isEqualTo(URI.create("http://[::1]:8080"));
		assertThat(converted.getHost()).isEqualTo("::1");
		assertThat(converted.getMetadata()).containsEntry("zone", "sh002")
			.containsEntry("hint", "gray")
			.containsEntry("weight", "5");
		assertThat(converted).isEqualTo(DiscoveredInstance.from(instance).orElseThrow());
	}

	private static Instance instance(String hostname, String zone) {
		return new Instance("sh", zone, "dev", "a", hostname, List.of("http://127.0.0.1:8080"), "", null, 1, 1, 1, 1, 1,
				1);
	}

	private static InstanceInfo info(long latestTimestamp, Instance... instances) {
		return new InstanceInfo(Map.of("sh001", List.of(instances)), null, latestTimestamp);
	}

}

package dev.discovery.client.loadbalancer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.client.loadbalancer.ZoneScheduleWeights.WeightedInstance;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneScheduleWeightsTests {

	private final MetadataWeightFunction weights = new MetadataWeightFunction();

	@Test
	void sdkExampleGivesZoneTotalsInSchedulerRatioAndInstanceRatiosWithinZones() {
		List<ServiceInstance> instances = List.of(instance("a", "sh001", "10"), instance("b", "sh001", "10"),
				instance("c", "sh002", "5"), instance("d", "sh002", "2"));
		List<WeightedInstance> weighted = ZoneScheduleWeights.weigh(instances, Map.of("sh001", 2, "sh002", 1),
				this.weights);
		assertThat(weighted).extracting(WeightedInstance::weight).containsExactly(7, 7, 5, 2);
		assertThat(total(weighted, "sh001")).isEqualTo(2 * total(weighted, "sh002"));
	}

	@Test
	void zonesWithoutInstancesAreSkipped() {
		List<ServiceInstance> instances = List.of(instance("a", "sh001", "10"), instance("c", "sh003", "5"),
				instance("d", "sh003", "15"));
		List<WeightedInstance> weighted = ZoneScheduleWeights.weigh(instances,
				Map.of("sh001", 1, "sh002", 5, "sh003", 3), this.weights);
		assertThat(weighted).extracting((entry) -> entry.instance().getInstanceId()).containsExactly("a", "c", "d");
		assertThat(total(weighted, "sh003")).isEqualTo(3 * total(weighted, "sh001"));
		assertThat(weighted.get(2).weight()).isEqualTo(3 * weighted.get(1).weight());
	}

	@Test
	void unlistedZonesAreLeftOut() {
		List<ServiceInstance> instances = List.of(instance("a", "sh001", null), instance("b", "sh002", null));
		assertThat(ZoneScheduleWeights.weigh(instances, Map.of("sh002", 1), this.weights))
			.extracting((entry) -> entry.instance().getInstanceId())
			.containsExactly("b");
	}

	@Test
	void missingWeightCountsAsTen() {
		List<ServiceInstance> instances = List.of(instance("a", "sh001", null), instance("b", "sh001", "5"));
		assertThat(ZoneScheduleWeights.weigh(instances, Map.of("sh001", 1), this.weights))
			.extracting(WeightedInstance::weight)
			.containsExactly(2, 1);
	}

	@Test
	void instanceWithoutMetadataIsTreatedAsZoneless() {
		ServiceInstance bare = new DefaultServiceInstance("bare", "app", "127.0.0.1", 1, false, null);
		List<ServiceInstance> instances = List.of(bare, instance("a", "sh001", null));
		assertThat(ZoneScheduleWeights.weigh(instances, Map.of("sh001", 1), this.weights))
			.extracting((entry) -> entry.instance().getInstanceId())
			.containsExactly("a");
	}

	@Test
	void noDestinationWithInstancesGivesNothing() {
		List<ServiceInstance> instances = List.of(instance("a", "sh001", null));
		assertThat(ZoneScheduleWeights.weigh(instances, Map.of("sh009", 1), this.weights)).isEmpty();
	}

	@Test
	void zoneSumsWhoseCommonMultipleOverflowsGetScaledShares() {
		List<ServiceInstance> instances = List.of(instance("a", "z1", "1000003"), instance("a1", "z1", "1"),
				instance("b", "z2", "1000033"), instance("b1", "z2", "1"), instance("c", "z3", "999983"),
				instance("c1", "z3", "1"), instance("d", "z4", "999979"), instance("d1", "z4", "1"));
		List<WeightedInstance> weighted = ZoneScheduleWeights.weigh(instances,
				Map.of("z1", 1, "z2", 1, "z3", 1, "z4", 1), this.weights);
		assertThat(weighted).extracting(WeightedInstance::weight).containsExactly(2500, 1, 2500, 1, 2500, 1, 2500, 1);
	}

	private static int total(List<WeightedInstance> weighted, String zone) {
		return weighted.stream()
			.filter((entry) -> zone.equals(ZoneScheduleWeights.zone(entry.instance())))
			.mapToInt(WeightedInstance::weight)
			.sum();
	}

	static ServiceInstance instance(String id, String zone, @Nullable String weight) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("zone", zone);
		if (weight != null) {
			metadata.put("weight", weight);
		}
		return new DefaultServiceInstance(id, "app", "127.0.0.1", 8080, false, metadata);
	}

}

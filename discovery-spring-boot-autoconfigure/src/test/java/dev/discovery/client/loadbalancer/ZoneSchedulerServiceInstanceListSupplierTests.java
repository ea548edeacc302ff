package dev.discovery.client.loadbalancer;

import java.util.List;
import java.util.Map;

import dev.discovery.client.discovery.ZoneSchedule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static dev.discovery.client.loadbalancer.ZoneScheduleWeightsTests.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ZoneSchedulerServiceInstanceListSupplierTests {

	private final List<ServiceInstance> instances = List.of(instance("a", "sh001", null), instance("b", "sh002", null),
			instance("c", "sh003", null));

	@Test
	void scheduleForOurZoneOffersOnlyListedZonesWithEffectiveWeights() {
		ZoneSchedule schedule = new ZoneSchedule(Map.of("sh001", Map.of("sh002", 3, "sh003", 1)));
		assertThat(supplier(schedule, "sh001").select(this.instances))
			.extracting(ServiceInstance::getInstanceId, (instance) -> instance.getMetadata().get("weight"))
			.containsExactly(tuple("b", "3"), tuple("c", "1"));
	}

	@Test
	void noEntryForOurZoneFallsBackToZonePreference() {
		ZoneSchedule schedule = new ZoneSchedule(Map.of("sh009", Map.of("sh002", 1)));
		assertThat(supplier(schedule, "sh001").select(this.instances)).extracting(ServiceInstance::getInstanceId)
			.containsExactly("a");
	}

	@Test
	void emptyListedZonesFallBackToZonePreference() {
		ZoneSchedule schedule = new ZoneSchedule(Map.of("sh001", Map.of("sh007", 1)));
		assertThat(supplier(schedule, "sh001").select(this.instances)).extracting(ServiceInstance::getInstanceId)
			.containsExactly("a");
	}

	@Test
	void unknownOwnZoneWithoutScheduleOffersAllInstances() {
		assertThat(supplier(ZoneSchedule.NONE, "sh005").select(this.instances)).hasSize(3);
	}

	private ZoneSchedulerServiceInstanceListSupplier supplier(ZoneSchedule schedule, String zone) {
		ServiceInstanceListSupplier base = new ServiceInstanceListSupplier() {

			@Override
			public String getServiceId() {
				return "app";
			}

			@Override
			public Flux<List<ServiceInstance>> get() {
				return Flux.just(ZoneSchedulerServiceInstanceListSupplierTests.this.instances);
			}

		};
		return new ZoneSchedulerServiceInstanceListSupplier(base, (service) -> schedule, zone,
				new MetadataWeightFunction());
	}

}

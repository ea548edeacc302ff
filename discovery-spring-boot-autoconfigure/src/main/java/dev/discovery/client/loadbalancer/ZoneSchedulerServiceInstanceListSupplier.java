package dev.discovery.client.loadbalancer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.discovery.client.discovery.ZoneSchedule;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.WeightFunction;

/**
 * Applies the zone scheduler the server publishes for the service (docs/wire-protocol.md
 * §7): when it has an entry for our zone, only instances of the listed zones are offered,
 * weighted so that each zone gets its share; otherwise, or when the listed zones are
 * empty, it behaves like zone preference (our zone's instances if any, else all).
 */
public class ZoneSchedulerServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private final Function<String, ZoneSchedule> schedules;

	private final @Nullable String zone;

	private final WeightFunction instanceWeight;

	/**
	 * Create the decorator.
	 * @param delegate the supplier of candidate instances
	 * @param schedules the current zone scheduler of a service
	 * @param zone the zone of this client, {@code null} when unknown
	 * @param instanceWeight the weight of one instance within its zone
	 */
	public ZoneSchedulerServiceInstanceListSupplier(ServiceInstanceListSupplier delegate,
			Function<String, ZoneSchedule> schedules, @Nullable String zone, WeightFunction instanceWeight) {
		super(delegate);
		this.schedules = schedules;
		this.zone = zone;
		this.instanceWeight = instanceWeight;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get().map(this::select);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return this.delegate.get(request).map(this::select);
	}

	List<ServiceInstance> select(List<ServiceInstance> instances) {
		if (this.zone == null) {
			return instances;
		}
		Optional<Map<String, Integer>> destinations = this.schedules.apply(getServiceId()).destinations(this.zone);
		if (destinations.isPresent()) {
			List<ServiceInstance> scheduled = ZoneScheduleWeights
				.weigh(instances, destinations.get(), this.instanceWeight)
				.stream()
				.<ServiceInstance>map(
						(weighted) -> new ScheduledServiceInstance(weighted.instance(), weighted.weight()))
				.toList();
			if (!scheduled.isEmpty()) {
				return scheduled;
			}
		}
		return preferZone(instances, this.zone);
	}

	private static List<ServiceInstance> preferZone(List<ServiceInstance> instances, String zone) {
		List<ServiceInstance> local = instances.stream()
			.filter((instance) -> zone.equalsIgnoreCase(ZoneScheduleWeights.zone(instance)))
			.toList();
		return local.isEmpty() ? instances : local;
	}

}

package dev.discovery.client.loadbalancer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.client.discovery.DiscoveryServiceInstance;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.WeightFunction;

/**
 * Effective instance weights under a zone scheduler (docs/wire-protocol.md §7.3 with its
 * fixes): each destination zone's total is proportional to its scheduler weight and,
 * inside a zone, each instance's share to its own weight. Zones without instances are
 * skipped.
 */
final class ZoneScheduleWeights {

	/**
	 * Largest sum of effective weights: Spring's weighted list allocates one slot per
	 * unit, so exact weights above this are scaled down.
	 */
	static final int MAX_TOTAL = 10_000;

	private ZoneScheduleWeights() {
	}

	/**
	 * The instances of the destination zones, each with its effective weight.
	 * @param instances the candidate instances
	 * @param destinations destination zone to scheduler weight
	 * @param instanceWeight the weight of one instance (positive)
	 * @return the weighted instances in their original order, empty when no destination
	 * zone has instances
	 */
	static List<WeightedInstance> weigh(List<ServiceInstance> instances, Map<String, Integer> destinations,
			WeightFunction instanceWeight) {
		Map<String, List<ServiceInstance>> byZone = new LinkedHashMap<>();
		List<ServiceInstance> collected = new ArrayList<>();
		for (ServiceInstance instance : instances) {
			String zone = zone(instance);
			if (zone != null && destinations.getOrDefault(zone, 0) > 0) {
				byZone.computeIfAbsent(zone, (key) -> new ArrayList<>()).add(instance);
				collected.add(instance);
			}
		}
		if (collected.isEmpty()) {
			return List.of();
		}
		Map<String, Long> zoneSums = new LinkedHashMap<>();
		byZone.forEach((zone, members) -> zoneSums.put(zone,
				members.stream().mapToLong((member) -> positive(instanceWeight.apply(member))).sum()));
		long[] exact = exactWeights(collected, destinations, zoneSums, instanceWeight);
		List<WeightedInstance> weighted = new ArrayList<>();
		for (int i = 0; i < collected.size(); i++) {
			ServiceInstance instance = collected.get(i);
			int weight = (exact != null) ? (int) exact[i]
					: scaledWeight(instance, destinations, zoneSums, instanceWeight);
			weighted.add(new WeightedInstance(instance, weight));
		}
		return weighted;
	}

	/**
	 * Weight = zone weight x instance weight x (LCM of zone sums / zone sum), reduced by
	 * their common divisor.
	 * @return the weights, {@code null} when they overflow or their total exceeds
	 * {@link #MAX_TOTAL}
	 */
	private static long @Nullable [] exactWeights(List<ServiceInstance> collected, Map<String, Integer> destinations,
			Map<String, Long> zoneSums, WeightFunction instanceWeight) {
		try {
			long[] weights = unreducedWeights(collected, destinations, zoneSums, instanceWeight);
			long divisor = 0;
			for (long weight : weights) {
				divisor = gcd(divisor, weight);
			}
			long total = 0;
			for (int i = 0; i < weights.length; i++) {
				weights[i] /= divisor;
				total = Math.addExact(total, weights[i]);
			}
			return (total <= MAX_TOTAL) ? weights : null;
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	private static long[] unreducedWeights(List<ServiceInstance> collected, Map<String, Integer> destinations,
			Map<String, Long> zoneSums, WeightFunction instanceWeight) {
		long lcm = 1;
		for (long sum : zoneSums.values()) {
			lcm = Math.multiplyExact(lcm / gcd(lcm, sum), sum);
		}
		long[] weights = new long[collected.size()];
		for (int i = 0; i < weights.length; i++) {
			ServiceInstance instance = collected.get(i);
			String zone = zone(instance);
			long factor = lcm / zoneSums.get(zone);
			weights[i] = Math.multiplyExact(Math.multiplyExact((long) destinations.get(zone), factor),
					positive(instanceWeight.apply(instance)));
		}
		return weights;
	}

	/** Weight = share of the traffic x {@link #MAX_TOTAL}, at least 1. */
	private static int scaledWeight(ServiceInstance instance, Map<String, Integer> destinations,
			Map<String, Long> zoneSums, WeightFunction instanceWeight) {
		double zoneWeights = zoneSums.keySet().stream().mapToDouble(destinations::get).sum();
		String zone = zone(instance);
		double share = destinations.get(zone) / zoneWeights * positive(instanceWeight.apply(instance))
				/ zoneSums.get(zone);
		return (int) Math.max(1, Math.round(share * MAX_TOTAL));
	}

	static @Nullable String zone(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		return (metadata != null) ? metadata.get(DiscoveryServiceInstance.ZONE) : null;
	}

	private static long positive(int weight) {
		return (weight > 0) ? weight : MetadataWeightFunction.DEFAULT_WEIGHT;
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

	/**
	 * An instance and its effective weight.
	 *
	 * @param instance the instance
	 * @param weight its effective weight, positive
	 */
	record WeightedInstance(ServiceInstance instance, int weight) {

	}

}

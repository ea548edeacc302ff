package dev.discovery.grpc;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixed cycle the weighted picker walks through.
 */
class WeightedPickerTests {

	@Test
	void givesEachAddressAShareProportionalToItsWeight() {
		List<String> cycle = WeightedRoundRobinLoadBalancer.WeightedPicker.cycle(List.of("a", "b", "c"),
				new int[] { 3, 1, 1 });
		Map<String, Long> counts = cycle.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 1L, "c", 1L));
	}

	@Test
	void spreadsTheHeavierAddressOverTheCycle() {
		assertThat(WeightedRoundRobinLoadBalancer.WeightedPicker.cycle(List.of("a", "b", "c"), new int[] { 3, 1, 1 }))
			.containsExactly("a", "b", "a", "c", "a");
	}

	@Test
	void isPlainRoundRobinForEqualWeights() {
		assertThat(WeightedRoundRobinLoadBalancer.WeightedPicker.cycle(List.of("a", "b"), new int[] { 10, 10 }))
			.containsExactly("a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b",
					"a", "b");
	}

}

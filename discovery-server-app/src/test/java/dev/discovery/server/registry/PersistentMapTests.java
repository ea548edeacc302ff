package dev.discovery.server.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersistentMap}.
 */
class PersistentMapTests {

	@Test
	void randomChangesKeepTheSameEntriesAsAHashMap() {
		Random random = new Random(42);
		Map<Key, Integer> expected = new HashMap<>();
		PersistentMap<Key, Integer> map = PersistentMap.empty();
		for (int n = 0; n < 20_000; n++) {
			// Few distinct hash codes and many keys: collisions at every depth.
			Key key = new Key(random.nextInt(3_000), random.nextInt(4));
			if (random.nextInt(3) == 0) {
				expected.remove(key);
				map = map.minus(key);
			}
			else {
				expected.put(key, n);
				map = map.plus(key, n);
			}
		}

		PersistentMap<Key, Integer> result = map;
		assertThat(result).hasSize(expected.size()).isEqualTo(expected);
		expected.forEach((key, value) -> assertThat(result.get(key)).isEqualTo(value));
	}

	@Test
	void aChangeLeavesTheOriginalMapAsItWas() {
		PersistentMap<String, Integer> original = PersistentMap.<String, Integer>empty().plus("a", 1).plus("b", 2);

		PersistentMap<String, Integer> changed = original.plus("a", 3).minus("b").plus("c", 4);

		assertThat(original).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
		assertThat(changed).containsOnly(Map.entry("a", 3), Map.entry("c", 4));
	}

	@Test
	void removingEveryKeyGivesTheEmptyMap() {
		PersistentMap<Integer, Integer> map = PersistentMap.empty();
		for (int n = 0; n < 1_000; n++) {
			map = map.plus(n, n);
		}
		for (int n = 0; n < 1_000; n++) {
			map = map.minus(n);
		}

		assertThat(map).isEmpty();
		assertThat(map).isSameAs(PersistentMap.empty());
	}

	@Test
	void removingAnAbsentKeyAnswersTheSameMap() {
		PersistentMap<String, Integer> map = PersistentMap.<String, Integer>empty().plus("a", 1);

		assertThat(map.minus("b")).isSameAs(map);
	}

	/**
	 * A key whose hash code is only its bucket, so that many keys share one.
	 */
	private record Key(int bucket, int id) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.bucket == this.bucket && key.id == this.id;
		}

		@Override
		public int hashCode() {
			return this.bucket * 0x9E3779B1;
		}

	}

}

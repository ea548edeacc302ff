package dev.discovery.client.discovery;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneScheduleTests {

	@Test
	void objectFormOfTheServerIsRead() {
		Object scheduler = Map.of("clients",
				Map.of("sh001", Map.of("zones", Map.of("sh001", Map.of("weight", 3), "sh002", Map.of("weight", 1)))),
				"remark", "");
		assertThat(ZoneSchedule.parse(scheduler).destinations("sh001")).contains(Map.of("sh001", 3, "sh002", 1));
	}

	@Test
	void arrayFormOfTheGoSdkIsRead() {
		Object scheduler = List.of(Map.of("src", "sh001", "dst", Map.of("sh001", 3, "sh002", 1)));
		assertThat(ZoneSchedule.parse(scheduler).destinations("sh001")).contains(Map.of("sh001", 3, "sh002", 1));
	}

	@Test
	void otherClientZonesHaveNoEntry() {
		Object scheduler = List.of(Map.of("src", "sh001", "dst", Map.of("sh002", 1)));
		assertThat(ZoneSchedule.parse(scheduler).destinations("sh002")).isEmpty();
	}

	@Test
	void unreadableOrNonPositiveWeightsAreSkipped() {
		Object scheduler = List.of(Map.of("src", "sh001", "dst", Map.of("sh001", "x", "sh002", 0, "sh003", "2")),
				"junk");
		assertThat(ZoneSchedule.parse(scheduler).destinations("sh001")).contains(Map.of("sh003", 2));
	}

	@Test
	void missingOrForeignSchedulerIsNone() {
		assertThat(ZoneSchedule.parse(null)).isEqualTo(ZoneSchedule.NONE);
		assertThat(ZoneSchedule.parse("text")).isEqualTo(ZoneSchedule.NONE);
		assertThat(ZoneSchedule.parse(Map.of("clients", List.of()))).isEqualTo(ZoneSchedule.NONE);
	}

}

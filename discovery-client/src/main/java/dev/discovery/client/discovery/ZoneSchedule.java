package dev.discovery.client.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The zone scheduler of an app (docs/wire-protocol.md §7): for a client zone, the
 * destination zones and their traffic weights. Read from either wire form (§7.2).
 *
 * @param routes client zone to (destination zone to positive weight)
 */
public record ZoneSchedule(Map<String, Map<String, Integer>> routes) {

	/** No scheduler configured. */
	public static final ZoneSchedule NONE = new ZoneSchedule(Map.of());

	/**
	 * Copy the routes so the schedule is immutable.
	 */
	public ZoneSchedule {
		Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
		routes.forEach((zone, destinations) -> copy.put(zone, Map.copyOf(destinations)));
		routes = Map.copyOf(copy);
	}

	/**
	 * The destinations for a client zone.
	 * @param clientZone the zone the client runs in
	 * @return destination zone to weight, empty when the schedule has no entry for it
	 */
	public Optional<Map<String, Integer>> destinations(String clientZone) {
		return Optional.ofNullable(this.routes.get(clientZone)).filter((destinations) -> !destinations.isEmpty());
	}

	/**
	 * Read the {@code scheduler} of an answer: the object form
	 * {@code {"clients":{"sh001":{"zones":{"sh002":{"weight":1}}}}}} or the array form
	 * {@code [{"src":"sh001","dst":{"sh002":1}}]}. Anything unreadable is skipped, a
	 * destination without a positive weight gets no traffic.
	 * @param scheduler the untyped JSON value, may be {@code null}
	 * @return the schedule, {@link #NONE} when nothing usable
	 */
	public static ZoneSchedule parse(@Nullable Object scheduler) {
		Map<String, Map<String, Integer>> routes = new LinkedHashMap<>();
		if (scheduler instanceof Map<?, ?> object && object.get("clients") instanceof Map<?, ?> clients) {
			clients.forEach((src, client) -> {
				if (client instanceof Map<?, ?> entry && entry.get("zones") instanceof Map<?, ?> zones) {
					zones.forEach((dst, zone) -> {
						Object weight = (zone instanceof Map<?, ?> weighted) ? weighted.get("weight") : null;
						add(routes, src, dst, weight);
					});
				}
			});
		}
		else if (scheduler instanceof List<?> entries) {
			for (Object item : entries) {
				if (item instanceof Map<?, ?> entry && entry.get("dst") instanceof Map<?, ?> dst) {
					Object src = entry.get("src");
					dst.forEach((zone, weight) -> add(routes, src, zone, weight));
				}
			}
		}
		return routes.isEmpty() ? NONE : new ZoneSchedule(routes);
	}

	private static void add(Map<String, Map<String, Integer>> routes, @Nullable Object src, @Nullable Object dst,
			@Nullable Object weight) {
		int parsed = weight(weight);
		if (src instanceof String client && dst instanceof String zone && parsed > 0) {
			routes.computeIfAbsent(client, (key) -> new LinkedHashMap<>()).put(zone, parsed);
		}
	}

	private static int weight(@Nullable Object weight) {
		if (weight instanceof Number number) {
			long value = number.longValue();
			return (value > 0 && value <= Integer.MAX_VALUE) ? (int) value : 0;
		}
		if (weight instanceof String text) {
			try {
				return Integer.parseInt(text.trim());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return 0;
	}

}

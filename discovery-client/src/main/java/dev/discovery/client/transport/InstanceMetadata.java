package dev.discovery.client.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The metadata keys the starter publishes and reads, and the one mapping from an
 * instance's published metadata to what Spring Cloud sees as
 * {@code ServiceInstance.getMetadata()}, used for discovered instances and for the local
 * registration alike.
 */
public final class InstanceMetadata {

	/** Zone, as read by Spring Cloud's zone preference; always the instance's zone. */
	public static final String ZONE = "zone";

	/** Load-balancing weight, as read by Spring Cloud's weighted supplier. */
	public static final String WEIGHT = "weight";

	/** The bilibili color (gray or cluster tag). */
	public static final String COLOR = "color";

	/** Read by Spring Cloud's hint-based supplier; the color unless published. */
	public static final String HINT = "hint";

	/** The instance's version text. */
	public static final String VERSION = "version";

	/** Every published address, comma-separated. */
	public static final String ADDRS = "addrs";

	/** Port of a separate management server, as read by Spring Boot Admin. */
	public static final String MANAGEMENT_PORT = "management.port";

	/** Actuator base path on the management port, as read by Spring Boot Admin. */
	public static final String MANAGEMENT_CONTEXT_PATH = "management.context-path";

	/**
	 * Health endpoint path below the actuator base path, as read by Spring Boot Admin.
	 */
	public static final String HEALTH_PATH = "health.path";

	/** Weight of instances that publish none, or none usable, as in the Go SDK. */
	public static final int DEFAULT_WEIGHT = 10;

	private InstanceMetadata() {
	}

	/**
	 * The load-balancing weight an instance publishes: missing, unparsable or
	 * non-positive weights count as {@link #DEFAULT_WEIGHT}.
	 * @param metadata the instance's metadata
	 * @return a positive weight
	 */
	public static int weight(Map<String, String> metadata) {
		String weight = metadata.get(WEIGHT);
		if (weight == null) {
			return DEFAULT_WEIGHT;
		}
		try {
			int parsed = Integer.parseInt(weight.trim());
			return (parsed > 0) ? parsed : DEFAULT_WEIGHT;
		}
		catch (NumberFormatException ex) {
			return DEFAULT_WEIGHT;
		}
	}

	/**
	 * The metadata of an instance as a {@code ServiceInstance}: the published metadata
	 * plus {@link #ZONE}, {@link #VERSION}, {@link #ADDRS} and, when a color is
	 * published, {@link #HINT}.
	 * @param published the metadata on the wire, may be {@code null}
	 * @param zone the instance's zone
	 * @param version the instance's version
	 * @param addrs the instance's addresses
	 * @return an immutable map
	 */
	public static Map<String, String> of(@Nullable Map<String, String> published, String zone, String version,
			List<String> addrs) {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (published != null) {
			metadata.putAll(published);
		}
		metadata.put(ZONE, zone);
		metadata.put(VERSION, version);
		metadata.put(ADDRS, String.join(",", addrs));
		String color = metadata.get(COLOR);
		if (color != null && !color.isEmpty()) {
			metadata.putIfAbsent(HINT, color);
		}
		return Map.copyOf(metadata);
	}

}

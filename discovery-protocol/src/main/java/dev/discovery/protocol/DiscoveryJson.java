package dev.discovery.protocol;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the protocol: it reads what any discovery server sends, reference
 * nodes included (unknown fields, missing or {@code null} numbers), and writes the wire
 * records in their declared field order.
 */
public final class DiscoveryJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private DiscoveryJson() {
	}

	/**
	 * The shared mapper; immutable and thread-safe.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}

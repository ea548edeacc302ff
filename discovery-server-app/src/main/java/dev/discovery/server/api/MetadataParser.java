package dev.discovery.server.api;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code metadata} parameter, a JSON object text (docs/wire-protocol.md §2.2,
 * §3.4).
 */
final class MetadataParser {

	private final JsonMapper mapper;

	private final int maxLength;

	MetadataParser(JsonMapper mapper, int maxLength) {
		this.mapper = mapper;
		this.maxLength = maxLength;
	}

	/**
	 * Register's lenient reading: invalid JSON is an error, but valid JSON that is not an
	 * object means "no metadata", and non-string values are kept as their JSON text (the
	 * reference turns them into "", D19).
	 * @param text the parameter, may be empty
	 * @return the metadata or {@code null} when none
	 */
	@Nullable Map<String, String> lenient(String text) {
		if (text.isEmpty()) {
			return null;
		}
		JsonNode node = parse(text);
		if (!node.isObject()) {
			return null;
		}
		Map<String, String> result = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (value.isString()) {
				result.put(entry.getKey(), value.stringValue());
			}
			else if (value.isNull()) {
				result.put(entry.getKey(), "");
			}
			else {
				result.put(entry.getKey(), this.mapper.writeValueAsString(value));
			}
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Set's strict reading: {@code null} clears the metadata, otherwise an object of
	 * strings that is merged into the instance's metadata.
	 * @param text the parameter
	 * @return the update, empty to clear
	 */
	Optional<Map<String, String>> strict(String text) {
		JsonNode node = parse(text);
		if (node.isNull()) {
			return Optional.empty();
		}
		if (!node.isObject()) {
			throw new InvalidRequestException("'metadata' must be a JSON object of strings");
		}
		Map<String, String> result = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isString()) {
				throw new InvalidRequestException("'metadata' value of '" + entry.getKey() + "' must be a string");
			}
			result.put(entry.getKey(), entry.getValue().stringValue());
		}
		return Optional.of(Collections.unmodifiableMap(result));
	}

	private JsonNode parse(String text) {
		if (text.length() > this.maxLength) {
			throw new InvalidRequestException("'metadata' is longer than " + this.maxLength + " characters");
		}
		try {
			return this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("-400", ex);
		}
	}

}

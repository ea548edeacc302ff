package dev.discovery.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a {@code META-INF/spring-configuration-metadata.json} that the reference
 * pages show.
 *
 * @param groups the property groups (the properties classes and their nested types)
 * @param properties the documented properties
 * @param hints the value hints
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConfigurationMetadata(@Nullable List<Group> groups, @Nullable List<Property> properties,
		@Nullable List<Hint> hints) {

	static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	private static final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Reads the metadata that the configuration processor generated for one module.
	 * @param artifactId the module, recognised in the location of its classes (a
	 * {@code target/classes} directory in the reactor, a jar otherwise)
	 * @return the module's metadata
	 */
	static ConfigurationMetadata of(String artifactId) {
		try {
			List<URL> candidates = Collections
				.list(ConfigurationMetadata.class.getClassLoader().getResources(LOCATION));
			List<URL> matches = new ArrayList<>();
			for (URL candidate : candidates) {
				if (candidate.toString().contains("/" + artifactId + "/")
						|| candidate.toString().contains("/" + artifactId + "-")) {
					matches.add(candidate);
				}
			}
			if (matches.size() != 1) {
				throw new IllegalStateException("Expected one " + LOCATION + " from " + artifactId + " but found "
						+ matches + " among " + candidates);
			}
			try (InputStream json = matches.get(0).openStream()) {
				return mapper.readValue(json, ConfigurationMetadata.class);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Property> propertyList() {
		return (this.properties != null) ? this.properties : List.of();
	}

	List<Group> groupList() {
		return (this.groups != null) ? this.groups : List.of();
	}

	@Nullable Hint hintFor(String propertyName) {
		if (this.hints == null) {
			return null;
		}
		return this.hints.stream().filter((hint) -> hint.name().equals(propertyName)).findFirst().orElse(null);
	}

	/**
	 * A group of properties, such as {@code discovery.server.eviction}.
	 *
	 * @param name the common prefix
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Group(String name) {
	}

	/**
	 * One configuration property.
	 *
	 * @param name the full property name
	 * @param type the Java type, if known
	 * @param description the Javadoc of the field
	 * @param defaultValue the default, if the processor could detect it
	 * @param deprecation set when the property is deprecated
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Property(String name, @Nullable String type, @Nullable String description, @Nullable Object defaultValue,
			@Nullable Deprecation deprecation) {
	}

	/**
	 * Why a property is deprecated and what replaces it.
	 *
	 * @param reason the reason, if given
	 * @param replacement the replacing property, if any
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Deprecation(@Nullable String reason, @Nullable String replacement) {
	}

	/**
	 * Known values of a property.
	 *
	 * @param name the property name
	 * @param values the values
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Hint(String name, @Nullable List<HintValue> values) {
	}

	/**
	 * One known value.
	 *
	 * @param value the value
	 * @param description what it means
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record HintValue(Object value, @Nullable String description) {
	}

}

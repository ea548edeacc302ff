package dev.discovery.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.discovery.docs.ConfigurationMetadata.Group;
import dev.discovery.docs.ConfigurationMetadata.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every {@code discovery.*} name in the hand-written pages is a configuration
 * property or a Micrometer meter that the code defines.
 */
class HandWrittenPagesTests {

	private static final Path DOCS = Path.of(System.getProperty("docs.directory", "."));

	private static final Set<String> GENERATED = Set.of("client-configuration.md", "server-configuration.md");

	// "discovery." not preceded by a word character or a dot, so that package names such
	// as dev.discovery.client and the appid infra.discovery are not taken for properties.
	private static final Pattern PROPERTY = Pattern.compile("(?<![\\w.])discovery\\.[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)*");

	// Meters share the discovery.* namespace: Gauge.builder("discovery.registry.apps",
	// ...
	private static final Pattern METER = Pattern.compile(
			"(?:Gauge|Counter|Timer|DistributionSummary|LongTaskTimer|FunctionCounter)\\.builder\\(\\s*\"(discovery\\.[a-z0-9.]+)\"");

	private static final List<String> SOURCES = List.of("discovery-server-app/src/main/java",
			"discovery-spring-boot-autoconfigure/src/main/java");

	@Test
	void everyDiscoveryPropertyNamedInThePagesExists() throws IOException {
		List<ConfigurationMetadata> metadata = List.of(ConfigurationMetadata.of("discovery-spring-boot-autoconfigure"),
				ConfigurationMetadata.of("discovery-server-app"));
		Set<String> meters = meterNames();
		Set<String> unknown = new TreeSet<>();
		for (Path page : handWrittenPages()) {
			Matcher names = PROPERTY.matcher(Files.readString(page, StandardCharsets.UTF_8));
			while (names.find()) {
				String name = names.group();
				if (!name.equals("discovery.toml") && !meters.contains(name) && !exists(name, metadata)) {
					unknown.add(page.getFileName() + ": " + name);
				}
			}
		}
		assertThat(unknown).as("names in the docs that are neither a configuration property nor a meter").isEmpty();
	}

	private static Set<String> meterNames() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String source : SOURCES) {
			try (Stream<Path> files = Files.walk(DOCS.resolve("..").resolve(source))) {
				for (Path file : files.filter((file) -> file.toString().endsWith(".java")).toList()) {
					Matcher meters = METER.matcher(Files.readString(file, StandardCharsets.UTF_8));
					while (meters.find()) {
						names.add(meters.group(1));
					}
				}
			}
		}
		assertThat(names).as("meters found in " + SOURCES).isNotEmpty();
		return names;
	}

	private static List<Path> handWrittenPages() throws IOException {
		List<Path> pages = new ArrayList<>();
		try (Stream<Path> files = Files.list(DOCS)) {
			files.filter((file) -> file.toString().endsWith(".md"))
				.filter((file) -> !GENERATED.contains(file.getFileName().toString()))
				.sorted()
				.forEach(pages::add);
		}
		return pages;
	}

	private static boolean exists(String name, List<ConfigurationMetadata> metadata) {
		for (ConfigurationMetadata module : metadata) {
			for (Property property : module.propertyList()) {
				// Map properties take their keys after the name:
				// discovery.metadata.weight.
				boolean isMap = property.type() != null && property.type().startsWith("java.util.Map<");
				if (name.equals(property.name()) || (isMap && name.startsWith(property.name() + "."))) {
					return true;
				}
			}
			for (Group group : module.groupList()) {
				if (name.equals(group.name())) {
					return true;
				}
			}
		}
		return false;
	}

}

package dev.discovery.docs;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.discovery.docs.ConfigurationMetadata.Deprecation;
import dev.discovery.docs.ConfigurationMetadata.Hint;
import dev.discovery.docs.ConfigurationMetadata.HintValue;
import dev.discovery.docs.ConfigurationMetadata.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationReferencePage}.
 */
class ConfigurationReferencePageTests {

	private final ConfigurationReferencePage page = new ConfigurationReferencePage("some-module", "Title", "Intro.");

	@Test
	void rendersOnePropertyPerRowSortedByName() {
		ConfigurationMetadata metadata = new ConfigurationMetadata(null,
				List.of(property("discovery.zone", "java.lang.String", "Zone.", "zone01"),
						property("discovery.env", "java.lang.String", "Env.", "dev")),
				null);

		assertThat(this.page.render(metadata)).contains("""
				| Property | Type | Default | Description |
				|---|---|---|---|
				| `discovery.env` | `String` | `dev` | Env. |
				| `discovery.zone` | `String` | `zone01` | Zone. |
				""");
	}

	@Test
	void shortensQualifiedTypeNames() {
		ConfigurationMetadata metadata = new ConfigurationMetadata(null, List.of(property("discovery.server.zones",
				"java.util.Map<java.lang.String,java.util.List<java.lang.String>>", "Zones.", null)), null);

		assertThat(this.page.render(metadata)).contains("| `Map<String, List<String>>` |");
	}

	@Test
	void joinsListDefaultsWithCommas() {
		ConfigurationMetadata metadata = new ConfigurationMetadata(null, List
			.of(property("discovery.nodes", "java.util.List<java.lang.String>", "Nodes.", List.of("a:1", "b:2"))),
				null);

		assertThat(this.page.render(metadata)).contains("| `a:1,b:2` |");
	}

	@Test
	void turnsJavadocCodeTagsIntoMarkdownAndEscapesPipes() {
		ConfigurationMetadata metadata = new ConfigurationMetadata(null,
				List.of(property("discovery.x", "java.lang.String", "Like {@code a|b}\n  on two lines.", null)), null);

		assertThat(this.page.render(metadata)).contains("| Like `a\\|b` on two lines. |");
	}

	@Test
	void appendsHintValuesAndDeprecation() {
		Property property = new Property("discovery.ip-type", "java.lang.String", "Address family.", "ANY",
				new Deprecation("Not needed.", "discovery.ip"));
		Hint hint = new Hint("discovery.ip-type",
				List.of(new HintValue("IPV4", null), new HintValue("IPV6", "only IPv6")));

		assertThat(this.page.render(new ConfigurationMetadata(null, List.of(property), List.of(hint))))
			.contains("Address family. Values: `IPV4`, `IPV6` (only IPv6). **Deprecated**: Not needed. Use "
					+ "`discovery.ip`. |");
	}

	@Test
	void startsWithAGeneratedMarkerNamingTheModule() {
		assertThat(this.page.render(new ConfigurationMetadata(null, null, null)))
			.startsWith("<!-- Generated from META-INF/spring-configuration-metadata.json of some-module")
			.contains("# Title\n\nIntro.\n\n");
	}

	private static Property property(String name, String type, String description, Object defaultValue) {
		return new Property(name, type, description, defaultValue, null);
	}

}

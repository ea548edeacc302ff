package dev.discovery.docs;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.discovery.docs.ConfigurationMetadata.Deprecation;
import dev.discovery.docs.ConfigurationMetadata.Hint;
import dev.discovery.docs.ConfigurationMetadata.HintValue;
import dev.discovery.docs.ConfigurationMetadata.Property;

/**
 * Renders one module's configuration metadata as a markdown reference page.
 *
 * @param artifactId the module whose metadata the page shows
 * @param title the page title
 * @param introduction markdown shown between the title and the table
 */
record ConfigurationReferencePage(String artifactId, String title, String introduction) {

	private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z])");

	private static final Pattern JAVADOC_TAG = Pattern.compile("\\{@(?:code|link|literal) ([^}]*)}");

	String render(ConfigurationMetadata metadata) {
		StringBuilder page = new StringBuilder();
		page.append("<!-- Generated from ")
			.append(ConfigurationMetadata.LOCATION)
			.append(" of ")
			.append(this.artifactId)
			.append(" by docs/src/test/java/dev/discovery/docs/ConfigurationReferenceTests.java.\n")
			.append("     Do not edit: change the Javadoc of the properties class, then run\n")
			.append("     ./mvnw -B -q -pl docs verify -Ddocs.regenerate=true -->\n\n");
		page.append("# ").append(this.title).append("\n\n");
		page.append(this.introduction.strip()).append("\n\n");
		page.append("| Property | Type | Default | Description |\n");
		page.append("|---|---|---|---|\n");
		List<Property> properties = metadata.propertyList()
			.stream()
			.sorted(Comparator.comparing(Property::name))
			.toList();
		for (Property property : properties) {
			page.append("| `")
				.append(property.name())
				.append("` | ")
				.append(code(simpleType(property.type())))
				.append(" | ")
				.append(code(defaultValue(property.defaultValue())))
				.append(" | ")
				.append(description(property, metadata.hintFor(property.name())))
				.append(" |\n");
		}
		return page.toString();
	}

	private static String simpleType(@Nullable String type) {
		if (type == null) {
			return "";
		}
		return PACKAGE_PREFIX.matcher(type).replaceAll("").replace('$', '.').replace(",", ", ");
	}

	private static String defaultValue(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return String.valueOf(value);
	}

	private static String description(Property property, @Nullable Hint hint) {
		StringBuilder text = new StringBuilder(markdown(property.description()));
		if (hint != null && hint.values() != null && !hint.values().isEmpty()) {
			text.append(" Values: ");
			text.append(hint.values()
				.stream()
				.map(ConfigurationReferencePage::hintValue)
				.collect(Collectors.joining(", ")));
			text.append('.');
		}
		Deprecation deprecation = property.deprecation();
		if (deprecation != null) {
			text.append(" **Deprecated**");
			if (deprecation.reason() != null) {
				text.append(": ").append(markdown(deprecation.reason()));
			}
			if (deprecation.replacement() != null) {
				text.append(" Use `").append(deprecation.replacement()).append("`.");
			}
		}
		return text.toString().strip().replace("|", "\\|");
	}

	private static String hintValue(HintValue value) {
		String text = "`" + value.value() + "`";
		return (value.description() != null) ? text + " (" + markdown(value.description()) + ")" : text;
	}

	private static String markdown(@Nullable String javadoc) {
		if (javadoc == null) {
			return "";
		}
		Matcher tags = JAVADOC_TAG.matcher(javadoc);
		return tags.replaceAll((tag) -> Matcher.quoteReplacement("`" + tag.group(1) + "`")).replaceAll("\\s+", " ");
	}

	private static String code(String text) {
		return text.isEmpty() ? "" : "`" + text + "`";
	}

}

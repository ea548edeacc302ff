package dev.discovery.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the configuration reference pages equal to what the configuration metadata of the
 * starter and of the server says. Run with {@code -Ddocs.regenerate=true} to rewrite
 * them.
 */
class ConfigurationReferenceTests {

	private static final Path DOCS = Path.of(System.getProperty("docs.directory", "."));

	private static final boolean REGENERATE = Boolean.getBoolean("docs.regenerate");

	@Test
	void clientConfigurationPageMatchesStarterMetadata() throws IOException {
		ConfigurationReferencePage page = new ConfigurationReferencePage("discovery-spring-boot-autoconfigure",
				"Client configuration reference",
				"""
						Properties of the Spring Boot starter (`dev.discovery:discovery-spring-boot-starter`). Set them \
						in `application.yml`/`application.properties`, as environment variables (relaxed binding: \
						`DISCOVERY_NODES`, `DISCOVERY_ZONE`, ...) or on the command line. Durations accept `500ms`, \
						`30s`, `1m`; lists accept a comma-separated string.

						The starter also honours the shared Spring Cloud switches \
						`spring.cloud.discovery.enabled`, `spring.cloud.service-registry.auto-registration.enabled` \
						and `spring.cloud.loadbalancer.*`; see [client-configuration notes](quickstart.md#configuration).
						""");
		assertPageIsCurrent("client-configuration.md", page);
	}

	@Test
	void serverConfigurationPageMatchesServerMetadata() throws IOException {
		ConfigurationReferencePage page = new ConfigurationReferencePage("discovery-server-app",
				"Server configuration reference", """
						Properties of the discovery server (`discovery-server-app`). Set them in an \
						`application.yml` next to the jar, as environment variables (`DISCOVERY_SERVER_ZONE`, ...) \
						or on the command line (`--discovery.server.zone=sh001`). The listen port is Spring Boot's \
						`server.port` (default 7171). [server.md](server.md) explains how the properties work \
						together and maps the reference `discovery.toml` keys to them.
						""");
		assertPageIsCurrent("server-configuration.md", page);
	}

	private static void assertPageIsCurrent(String fileName, ConfigurationReferencePage page) throws IOException {
		String generated = page.render(ConfigurationMetadata.of(page.artifactId()));
		Path file = DOCS.resolve(fileName);
		if (REGENERATE) {
			Files.writeString(file, generated, StandardCharsets.UTF_8);
		}
		String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		assertThat(committed)
			.as("%s is out of date; run ./mvnw -B -q -pl docs verify -Ddocs.regenerate=true and commit it", fileName)
			.isEqualTo(generated);
	}

}

package dev.discovery.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.discovery.deploy.KubernetesManifests.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's container image as Jib wrote it ({@code -Pimage}): its configuration
 * matches the manifests, it carries its own runtime, and its entry command starts the
 * server. The image is unpacked into a directory and its entry command run from there,
 * with the image's paths mapped into that directory, as a container runtime would run it
 * inside its root file system. Skipped when the image was not built.
 */
class ContainerImageTests {

	private static final Path TAR = Path.of(System.getProperty("deploy.image.tar", "target/missing.tar"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static KubernetesManifests manifests;

	private static JsonNode manifest;

	private static JsonNode config;

	/** The image's root file system, unpacked. */
	private static Path root;

	@BeforeAll
	static void unpackImage(@TempDir Path directory) throws Exception {
		assumeTrue(Files.isRegularFile(TAR), "no image at " + TAR + ": build it with -Pimage");
		manifests = KubernetesManifests.load();
		Path image = Files.createDirectories(directory.resolve("image"));
		untar(TAR, image, "xf");
		manifest = JSON.readTree(Files.readAllBytes(image.resolve("manifest.json"))).get(0);
		config = JSON.readTree(Files.readAllBytes(image.resolve(manifest.get("Config").asString()))).get("config");
		// The layers in order, as a container runtime builds its root file system.
		root = Files.createDirectories(directory.resolve("root"));
		for (JsonNode layer : manifest.get("Layers")) {
			untar(image.resolve(layer.asString()), root, "xzf");
		}
	}

	@Test
	void imageIsTheOneTheStatefulSetRunsAsTheUserItRunsAs() {
		assertThat(manifest.get("RepoTags").get(0).asString()).isEqualTo(manifests.container().get("image"));
		Map<String, Object> security = KubernetesManifests
			.map(at(manifests.statefulSet(), "spec", "template", "spec", "securityContext"));
		assertThat(config.get("User").asString())
			.isEqualTo(security.get("runAsUser") + ":" + security.get("runAsGroup"));
		assertThat(config.get("ExposedPorts").has(manifests.containerPort("http") + "/tcp")).isTrue();
	}

	@Test
	void launcherFindsItsDynamicLoaderInTheImage() throws IOException {
		Path launcher = inImage(root, config.get("Entrypoint").get(0).asString());
		String interpreter = interpreter(launcher);
		assertThat(interpreter).as("program interpreter of %s", launcher).isNotEmpty();
		assertThat(inImage(root, interpreter)).isRegularFile();
		assertThat(inImage(root, "/lib/x86_64-linux-gnu/libc.so.6")).isRegularFile();
	}

	@Test
	void entryCommandStartsTheServerWhichAnswersItsProbesAndStopsOnSigterm() throws Exception {
		List<String> command = new ArrayList<>();
		for (JsonNode arg : config.get("Entrypoint")) {
			command.add(mapped(root, arg.asString()));
		}
		Map<String, String> env = new LinkedHashMap<>();
		for (JsonNode variable : config.get("Env")) {
			String[] pair = variable.asString().split("=", 2);
			env.put(pair[0], mappedPaths(root, pair[1]));
		}
		env.putAll(manifests.environmentOf("discovery-0", "discovery"));
		env.put("HOSTNAME", "discovery-0");
		Path work = inImage(root, config.get("WorkingDir").asString());
		Map<String, Object> container = manifests.container();
		try (ServerProcess server = ServerProcess.start(command, env, work, Path.of("target", "image-server.log"))) {
			server.awaitUp(path(container, "startupProbe"));
			server.awaitUp(path(container, "livenessProbe"));
			server.awaitUp(path(container, "readinessProbe"));
			long grace = ((Number) at(manifests.statefulSet(), "spec", "template", "spec",
					"terminationGracePeriodSeconds"))
				.longValue();
			server.terminate(Duration.ofSeconds(grace));
			assertThat(server.log()).contains("Registered as infra.discovery discovery-0");
		}
	}

	private static String path(Map<String, Object> container, String probe) {
		return (String) at(container, probe, "httpGet", "path");
	}

	/**
	 * An argument of the entry command with the image's absolute paths mapped: a path, an
	 * {@code @argfile} (rewritten next to the original), or a {@code -Dname=/path}.
	 */
	private static String mapped(Path root, String arg) throws IOException {
		if (arg.startsWith("@/")) {
			Path file = inImage(root, arg.substring(1));
			Path rewritten = file.resolveSibling(file.getFileName() + ".mapped");
			Files.writeString(rewritten, mappedPaths(root, Files.readString(file, StandardCharsets.UTF_8).trim()));
			return "@" + rewritten;
		}
		if (arg.startsWith("/")) {
			return inImage(root, arg).toString();
		}
		int equals = arg.indexOf("=/");
		if (arg.startsWith("-D") && equals > 0) {
			return arg.substring(0, equals + 1) + mappedPaths(root, arg.substring(equals + 1));
		}
		return arg;
	}

	private static String mappedPaths(Path root, String value) {
		List<String> parts = new ArrayList<>();
		for (String part : value.split(":", -1)) {
			parts.add(part.startsWith("/") ? root + part : part);
		}
		return String.join(":", parts);
	}

	private static Path inImage(Path root, String absolute) {
		return root.resolve(absolute.substring(1));
	}

	/**
	 * Unpacks with the system's tar, which keeps modes and understands every header Jib
	 * writes.
	 */
	private static void untar(Path archive, Path directory, String mode) throws Exception {
		Process tar = new ProcessBuilder("tar", mode, archive.toString(), "-C", directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(tar.waitFor(2, TimeUnit.MINUTES)).as("tar %s finished", archive).isTrue();
		assertThat(tar.exitValue()).as("exit code of tar %s %s", mode, archive).isZero();
	}

	/**
	 * The PT_INTERP path of a 64-bit little-endian ELF executable.
	 */
	private static String interpreter(Path elf) throws IOException {
		ByteBuffer file;
		try (InputStream in = Files.newInputStream(elf)) {
			file = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
		}
		assertThat(file.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
		long programHeaders = file.getLong(0x20);
		int entrySize = file.getShort(0x36) & 0xffff;
		int count = file.getShort(0x38) & 0xffff;
		for (int n = 0; n < count; n++) {
			int header = (int) programHeaders + n * entrySize;
			if (file.getInt(header) == 3) {
				int offset = (int) file.getLong(header + 0x08);
				int size = (int) file.getLong(header + 0x20);
				return new String(file.array(), offset, size - 1, StandardCharsets.US_ASCII);
			}
		}
		return "";
	}

}

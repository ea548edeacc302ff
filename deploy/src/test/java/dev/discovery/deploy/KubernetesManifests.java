package dev.discovery.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects of {@code deploy/kubernetes/discovery-server.yaml}, read as plain maps,
 * with the few lookups the tests need.
 *
 * @param objects every document of the file, in order
 */
record KubernetesManifests(List<Map<String, Object>> objects) {

	static final Path FILE = Path.of(System.getProperty("deploy.directory", "."), "kubernetes",
			"discovery-server.yaml");

	static KubernetesManifests load() throws IOException {
		List<Map<String, Object>> objects = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
				if (document != null) {
					objects.add(map(document));
				}
			}
		}
		return new KubernetesManifests(objects);
	}

	/**
	 * The only object of a kind and name.
	 */
	Map<String, Object> get(String kind, String name) {
		List<Map<String, Object>> found = this.objects.stream()
			.filter((object) -> kind.equals(object.get("kind")) && name.equals(at(object, "metadata", "name")))
			.toList();
		assertThat(found).as("%s %s in %s", kind, name, FILE).hasSize(1);
		return found.get(0);
	}

	/**
	 * The only object of a kind.
	 */
	Map<String, Object> only(String kind) {
		List<Map<String, Object>> found = this.objects.stream()
			.filter((object) -> kind.equals(object.get("kind")))
			.toList();
		assertThat(found).as("objects of kind %s in %s", kind, FILE).hasSize(1);
		return found.get(0);
	}

	Map<String, Object> statefulSet() {
		return only("StatefulSet");
	}

	/**
	 * The server container of the StatefulSet's pod template.
	 */
	Map<String, Object> container() {
		List<Map<String, Object>> containers = list(at(statefulSet(), "spec", "template", "spec", "containers"));
		assertThat(containers).as("containers of the StatefulSet").hasSize(1);
		return containers.get(0);
	}

	/**
	 * The container's environment: plain values as given, downward-API values as
	 * {@code fieldRef:<path>}.
	 */
	Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(container().get("env"))) {
			Object value = variable.get("value");
			if (value != null) {
				env.put((String) variable.get("name"), value.toString().trim());
			}
			else {
				env.put((String) variable.get("name"),
						"fieldRef:" + at(variable, "valueFrom", "fieldRef", "fieldPath"));
			}
		}
		return env;
	}

	/**
	 * The environment one pod sees: {@code $(VAR)} references expanded as Kubernetes
	 * does, downward-API values resolved for a pod of the given name.
	 */
	Map<String, String> environmentOf(String podName, String namespace) {
		Map<String, String> resolved = new LinkedHashMap<>();
		environment().forEach((name, value) -> {
			String actual = switch (value) {
				case "fieldRef:metadata.name" -> podName;
				case "fieldRef:metadata.namespace" -> namespace;
				default -> value;
			};
			for (Map.Entry<String, String> earlier : resolved.entrySet()) {
				actual = actual.replace("$(" + earlier.getKey() + ")", earlier.getValue());
			}
			resolved.put(name, actual);
		});
		return resolved;
	}

	/**
	 * The container port a probe or Service refers to, by name or number.
	 */
	int containerPort(Object port) {
		for (Map<String, Object> declared : list(container().get("ports"))) {
			if (port.equals(declared.get("name")) || port.equals(declared.get("containerPort"))) {
				return (Integer) declared.get("containerPort");
			}
		}
		throw new AssertionError("No container port " + port + " in " + FILE);
	}

	static Object at(Map<String, Object> object, String... path) {
		Object current = object;
		for (String key : path) {
			assertThat(current).as("%s in %s", String.join(".", path), FILE).isInstanceOf(Map.class);
			current = ((Map<?, ?>) current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

}

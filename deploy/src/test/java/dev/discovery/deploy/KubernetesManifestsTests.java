package dev.discovery.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import dev.discovery.server.config.DiscoveryServerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.convert.DurationStyle;

import static dev.discovery.deploy.KubernetesManifests.at;
import static dev.discovery.deploy.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests against the server's real configuration: probes on the
 * server's health groups and port, a grace period that covers the server's shutdown, and
 * peers named by the headless Service's DNS names. The last test starts the server with
 * the manifest's environment and asks it what the probes would ask.
 */
class KubernetesManifestsTests {

	/** What the server's own defaults say, as the application reads them. */
	private static final String SERVER_DEFAULTS = "dev/discovery/server/discovery-server-defaults.properties";

	private static final String NAMESPACE = "discovery";

	private static KubernetesManifests manifests;

	private static Properties serverDefaults;

	@BeforeAll
	static void load() throws IOException {
		manifests = KubernetesManifests.load();
		serverDefaults = new Properties();
		try (InputStream in = KubernetesManifestsTests.class.getClassLoader().getResourceAsStream(SERVER_DEFAULTS)) {
			assertThat(in).as(SERVER_DEFAULTS + " on the class path").isNotNull();
			serverDefaults.load(in);
		}
	}

	@Test
	void everyObjectLivesInTheDiscoveryNamespace() {
		assertThat(manifests.get("Namespace", NAMESPACE)).isNotNull();
		for (Map<String, Object> object : manifests.objects()) {
			if (!"Namespace".equals(object.get("kind"))) {
				assertThat(at(object, "metadata", "namespace")).as("namespace of %s", at(object, "metadata", "name"))
					.isEqualTo(NAMESPACE);
			}
		}
	}

	@Test
	void statefulSetIsGovernedByAHeadlessServiceThatPublishesStartingPods() {
		Map<String, Object> statefulSet = manifests.statefulSet();
		String serviceName = (String) at(statefulSet, "spec", "serviceName");
		Map<String, Object> headless = manifests.get("Service", serviceName);
		assertThat(at(headless, "spec", "clusterIP")).isEqualTo("None");
		// Peers must reach a starting node (startup sync, forwarded changes) before it
		// is ready.
		assertThat(at(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
		Map<String, Object> podLabels = map(at(statefulSet, "spec", "template", "metadata", "labels"));
		assertThat(podLabels).containsAllEntriesOf(map(at(statefulSet, "spec", "selector", "matchLabels")));
		for (Map<String, Object> service : servicesOf(podLabels)) {
			for (Map<String, Object> port : KubernetesManifests.list(at(service, "spec", "ports"))) {
				assertThat(manifests.containerPort(port.get("targetPort")))
					.as("target port of Service %s", at(service, "metadata", "name"))
					.isEqualTo(serverPort());
			}
		}
	}

	@Test
	void containerListensOnTheServersPort() {
		assertThat(manifests.containerPort("http")).isEqualTo(serverPort());
		assertThat(manifests.environment()).doesNotContainKeys("SERVER_PORT", "PORT");
	}

	@Test
	void probesAskTheServersLivenessAndReadinessGroupsOnItsPort() {
		String health = new WebEndpointProperties().getBasePath() + "/health";
		assertThat(serverDefaults.getProperty("management.endpoints.web.exposure.include")).contains("health");
		Map<String, Object> container = manifests.container();
		assertThat(probe(container, "livenessProbe")).isEqualTo(health + "/liveness");
		assertThat(probe(container, "startupProbe")).isEqualTo(health + "/liveness");
		assertThat(probe(container, "readinessProbe")).isEqualTo(health + "/readiness");
	}

	@Test
	void gracePeriodCoversTheServersShutdown() {
		long grace = ((Number) at(manifests.statefulSet(), "spec", "template", "spec", "terminationGracePeriodSeconds"))
			.longValue();
		Duration required = shutdownTime();
		assertThat(Duration.ofSeconds(grace))
			.as("terminationGracePeriodSeconds against a shutdown of up to %s", required)
			.isGreaterThanOrEqualTo(required.plusSeconds(5))
			// not so long that a stuck node blocks a rollout for minutes
			.isLessThanOrEqualTo(required.plusSeconds(30));
	}

	@Test
	void peersAreTheHeadlessServicesPodNamesAndEveryPodFindsItselfAmongThem() {
		Map<String, Object> statefulSet = manifests.statefulSet();
		String name = (String) at(statefulSet, "metadata", "name");
		String domain = at(statefulSet, "spec", "serviceName") + "." + NAMESPACE + ".svc.cluster.local";
		int replicas = (Integer) at(statefulSet, "spec", "replicas");
		List<String> pods = IntStream.range(0, replicas).mapToObj((n) -> name + "-" + n).toList();
		List<String> expected = pods.stream().map((pod) -> pod + "." + domain + ":" + serverPort()).toList();
		assertThat(manifests.environment()).containsEntry("POD_NAME", "fieldRef:metadata.name");
		for (String pod : pods) {
			Map<String, String> env = manifests.environmentOf(pod, NAMESPACE);
			assertThat(List.of(env.get("DISCOVERY_SERVER_NODES").split(","))).containsExactlyElementsOf(expected);
			// A node recognises itself in its node list by string equality only.
			assertThat(env.get("DISCOVERY_SERVER_ADVERTISE_ADDRESS"))
				.isEqualTo(pod + "." + domain + ":" + serverPort());
		}
	}

	@Test
	void serverStartedWithTheManifestsEnvironmentAnswersItsProbesAndStopsWithinTheGracePeriod() throws Exception {
		Path jar = Path.of(System.getProperty("deploy.server.jar", "missing.jar"));
		assertThat(jar).as("the server's exec jar (build with -am)").isRegularFile();
		Map<String, String> env = new java.util.LinkedHashMap<>(manifests.environmentOf("discovery-0", NAMESPACE));
		env.put("PATH", System.getenv("PATH"));
		// set by the container runtime to the pod name
		env.put("HOSTNAME", "discovery-0");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-jar", jar.toString()));
		Path log = Path.of("target", "manifest-server.log");
		Path work = Files.createDirectories(Path.of("target", "manifest-server"));
		Map<String, Object> container = manifests.container();
		try (ServerProcess server = ServerProcess.start(command, env, work, log)) {
			server.awaitUp(probe(container, "startupProbe"));
			server.awaitUp(probe(container, "livenessProbe"));
			String readiness = server.awaitUp(probe(container, "readinessProbe"));
			// the manifest adds the discovery component to the readiness group
			assertThat(readiness).contains("\"discoveryServer\"", "\"readinessState\"");
			long grace = ((Number) at(manifests.statefulSet(), "spec", "template", "spec",
					"terminationGracePeriodSeconds"))
				.longValue();
			server.terminate(Duration.ofSeconds(grace));
			assertThat(server.log()).contains("Registered as infra.discovery discovery-0");
		}
	}

	/**
	 * The longest a stopping node takes: the graceful phase waits for parked polls (at
	 * most one hold, bounded by Spring's timeout per shutdown phase), then replication
	 * drains.
	 */
	private static Duration shutdownTime() {
		DiscoveryServerProperties properties = new DiscoveryServerProperties();
		Duration hold = setting("discovery.server.poll-timeout", properties.getPollTimeout());
		Duration phase = setting("spring.lifecycle.timeout-per-shutdown-phase",
				new LifecycleProperties().getTimeoutPerShutdownPhase());
		Duration drain = setting("discovery.server.replication.drain-timeout",
				properties.getReplication().getDrainTimeout());
		Duration graceful = (hold.compareTo(phase) < 0) ? hold : phase;
		return graceful.plus(drain);
	}

	/**
	 * A setting as the container sees it: the manifest's environment, else the server's
	 * defaults, else the code's default.
	 */
	private static Duration setting(String property, Duration codeDefault) {
		String env = property.toUpperCase().replace('.', '_').replace("-", "");
		String value = manifests.environment().getOrDefault(env, serverDefaults.getProperty(property));
		return (value != null) ? DurationStyle.detectAndParse(value) : codeDefault;
	}

	private static int serverPort() {
		return Integer.parseInt(serverDefaults.getProperty("server.port"));
	}

	private static String probe(Map<String, Object> container, String probe) {
		Map<String, Object> httpGet = map(at(container, probe, "httpGet"));
		assertThat(manifests.containerPort(httpGet.get("port"))).as("port of %s", probe).isEqualTo(serverPort());
		return (String) httpGet.get("path");
	}

	private static List<Map<String, Object>> servicesOf(Map<String, Object> podLabels) {
		return manifests.objects()
			.stream()
			.filter((object) -> "Service".equals(object.get("kind")))
			.filter((service) -> podLabels.entrySet().containsAll(map(at(service, "spec", "selector")).entrySet()))
			.toList();
	}

}

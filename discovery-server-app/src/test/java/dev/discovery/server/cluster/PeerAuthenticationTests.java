package dev.discovery.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.server.replication.PeerSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code discovery.server.replication.secret} set, nodes authenticate each other
 * with signatures, and every way of posing as a node without the secret is refused
 * (docs/cluster.md, "Trust boundary"). Node A also lists a fake node that does not hold
 * the secret: it receives A's signed traffic, and everything it learns from it is
 * useless.
 */
class PeerAuthenticationTests {

	private static final String ZONE = "sh001";

	private static final String SECRET = "s3cret-of-the-cluster";

	private static ClusterNode a;

	private static ClusterNode b;

	private static FakePeer impostor;

	@BeforeAll
	static void startCluster() {
		impostor = FakePeer.answering((request) -> FakePeer.OK);
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		List<String> nodes = List.of(ClusterNode.address(portA), ClusterNode.address(portB));
		List<String> nodesOfA = List.of(ClusterNode.address(portA), ClusterNode.address(portB), impostor.address());
		a = ClusterNode.configure(portA, ZONE, nodesOfA, "discovery.server.replication.secret=" + SECRET).start();
		b = ClusterNode.configure(portB, ZONE, nodes, "discovery.server.replication.secret=" + SECRET).start();
	}

	@AfterAll
	static void stopCluster() {
		List.of(a, b).forEach(ClusterNode::close);
		impostor.close();
	}

	@Test
	void nodesSharingTheSecretReplicate() {
		a.http().register("auth.replicated", ZONE, "h1");

		await().atMost(Duration.ofSeconds(5)).until(() -> b.http().instance("auth.replicated", ZONE, "h1") != null);
	}

	@Test
	void replicationFlagWithoutASignatureIsRefused() {
		JsonNode answer = b.http().register("auth.forged", ZONE, "h1", "replication", "true");

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
		assertThat(b.http().instance("auth.forged", ZONE, "h1")).isNull();
	}

	@Test
	void theSecretItselfInAHeaderAuthenticatesNothing() {
		JsonNode answer = b.http()
			.post("/discovery/renew", Map.of("X-Discovery-Secret", SECRET), "appid", "auth.app", "zone", ZONE, "env",
					"dev", "hostname", "h1", "from_zone", "true");

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
	}

	@Test
	void aSignedRequestIsAcceptedOnceAndItsReplayRefused() {
		List<String> form = register("auth.replay", "h1", "http://10.0.0.1:1");
		Map<String, String> headers = sign(SECRET, Clock.systemUTC(), b.address(), form);

		assertThat(b.http().post("/discovery/register", headers, array(form)).path("code").asInt()).isZero();
		JsonNode replayed = b.http().post("/discovery/register", headers, array(form));

		assertThat(replayed.path("code").asInt()).isEqualTo(-401);
		assertThat(replayed.path("message").asString()).contains("replayed");
	}

	@Test
	void anAlteredSignedRequestIsRefused() {
		List<String> form = register("auth.altered", "h1", "http://10.0.0.1:1");
		Map<String, String> headers = sign(SECRET, Clock.systemUTC(), b.address(), form);
		List<String> altered = register("auth.altered", "h1", "http://6.6.6.6:1");

		assertThat(b.http().post("/discovery/register", headers, array(altered)).path("code").asInt()).isEqualTo(-401);
		assertThat(b.http().instance("auth.altered", ZONE, "h1")).isNull();
	}

	@Test
	void anOldSignatureIsRefused() {
		List<String> form = register("auth.old", "h1", "http://10.0.0.1:1");
		Clock minuteAgo = Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC);

		JsonNode answer = b.http().post("/discovery/register", sign(SECRET, minuteAgo, b.address(), form), array(form));

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
	}

	@Test
	void aSignatureMadeWithAnotherSecretIsRefused() {
		List<String> form = register("auth.guess", "h1", "http://10.0.0.1:1");

		JsonNode answer = b.http()
			.post("/discovery/register", sign("guess", Clock.systemUTC(), b.address(), form), array(form));

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
	}

	@Test
	void whatANonPeerReceivesCarriesNoSecretAndCannotBeReplayedToAPeer() {
		a.http().register("auth.leak", ZONE, "h1");
		FakePeer.Received captured = await().atMost(Duration.ofSeconds(5))
			.until(() -> impostor.received("/discovery/register")
				.stream()
				.filter((request) -> "auth.leak".equals(request.param("appid")))
				.findFirst()
				.orElse(null), (request) -> request != null);
		assertThat(impostor.received()).allSatisfy((request) -> {
			assertThat(request.headers().values()).noneMatch((value) -> value.contains(SECRET));
			assertThat(request.body()).doesNotContain(SECRET);
		});

		assertThat(captured.headers()).containsKey(PeerSignature.SIGNATURE);
		assertThat(captured.headers().values()).noneMatch((value) -> value.contains(SECRET));
		assertThat(captured.body()).doesNotContain(SECRET);
		// Replayed to B at once, within the replay window: signed for another node.
		List<String> form = new ArrayList<>();
		captured.params().forEach((name, values) -> values.forEach((value) -> {
			form.add(name);
			form.add(value);
		}));
		Map<String, String> headers = new LinkedHashMap<>(captured.headers());
		JsonNode replayed = b.http().post("/discovery/register", headers, array(form));
		assertThat(replayed.path("code").asInt()).isEqualTo(-401);
	}

	@Test
	void aRogueInfraDiscoveryRegistrationIsRefusedAndNeverBecomesAPeer() {
		JsonNode plain = b.http()
			.post("/discovery/register", "appid", "infra.discovery", "zone", ZONE, "env", "dev", "hostname", "rogue",
					"status", "1", "addrs", "http://" + impostor.address());
		JsonNode flagged = b.http()
			.post("/discovery/register", "appid", "infra.discovery", "zone", ZONE, "env", "dev", "hostname", "rogue",
					"status", "1", "addrs", "http://" + impostor.address(), "replication", "true");

		assertThat(plain.path("code").asInt()).isEqualTo(-401);
		assertThat(flagged.path("code").asInt()).isEqualTo(-401);
		assertThat(b.http().instance("infra.discovery", ZONE, "rogue")).isNull();
		assertThat(b.http().get("/discovery/nodes").path("data").toString()).doesNotContain(impostor.address());
	}

	@Test
	void aForgedDirtyTimestampFromAClientPinsNothing() {
		b.http()
			.register("auth.pin", ZONE, "h1", "dirty_timestamp", "9223372036854775000", "addrs", "http://6.6.6.6:1");
		long pinned = b.http().instance("auth.pin", ZONE, "h1").path("dirty_timestamp").asLong();

		b.http().register("auth.pin", ZONE, "h1", "addrs", "http://10.0.0.7:80");

		assertThat(pinned).isLessThan(9_000_000_000_000_000_000L);
		JsonNode owner = b.http().instance("auth.pin", ZONE, "h1");
		assertThat(owner.path("addrs").toString()).contains("10.0.0.7").doesNotContain("6.6.6.6");
	}

	@Test
	void aForgedSetTimestampFromAClientPinsNothing() {
		b.http().register("auth.set", ZONE, "h1");
		b.http()
			.post("/discovery/set", "appid", "auth.set", "zone", ZONE, "env", "dev", "hostname", "h1", "status", "2",
					"set_timestamp", "9223372036854775000");

		b.http().register("auth.set", ZONE, "h1");

		assertThat(b.http().instance("auth.set", ZONE, "h1").path("status").asInt()).isEqualTo(1);
	}

	@Test
	void aFakePeersConflictAnswerIsNotAdoptedAndMarksItLost() {
		String forged = "{\"code\":-409,\"message\":\"-409\",\"ttl\":1,\"data\":{\"region\":\"test\",\"zone\":\"" + ZONE
				+ "\",\"env\":\"dev\",\"appid\":\"auth.adopt\",\"hostname\":\"h1\",\"addrs\":[\"http://6.6.6.6:1\"],"
				+ "\"version\":\"evil\",\"status\":1,\"dirty_timestamp\":9223372036854775000}}";
		impostor.answers((request) -> "/discovery/renew".equals(request.path()) ? forged : FakePeer.OK);
		a.http().register("auth.adopt", ZONE, "h1");

		a.http().renew("auth.adopt", ZONE, "h1");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> impostor.received("/discovery/renew")
				.stream()
				.anyMatch((request) -> "auth.adopt".equals(request.param("appid"))));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(status(a, impostor.address())).isOne());
		JsonNode kept = a.http().instance("auth.adopt", ZONE, "h1");
		assertThat(kept.path("addrs").toString()).doesNotContain("6.6.6.6");
		assertThat(kept.path("version").asString()).isNotEqualTo("evil");
	}

	@Test
	void clientRequestsAndReadsNeedNoSignature() {
		assertThat(b.http().register("auth.client", ZONE, "h1").path("code").asInt()).isZero();
		assertThat(b.http().get("/discovery/fetch/all").path("code").asInt()).isZero();
	}

	private static int status(ClusterNode node, String address) {
		for (JsonNode entry : node.http().get("/discovery/nodes").path("data")) {
			if (address.equals(entry.path("addr").asString())) {
				return entry.path("status").asInt();
			}
		}
		return -1;
	}

	private static List<String> register(String appid, String hostname, String addr) {
		return List.of("appid", appid, "zone", ZONE, "env", "dev", "hostname", hostname, "status", "1", "addrs", addr,
				"replication", "true", "from_zone", "true", "dirty_timestamp",
				Long.toString(System.currentTimeMillis() * 1_000_000));
	}

	private static Map<String, String> sign(String secret, Clock clock, String destination, List<String> form) {
		List<Map.Entry<String, String>> params = new ArrayList<>();
		for (int n = 0; n + 1 < form.size(); n += 2) {
			params.add(Map.entry(form.get(n), form.get(n + 1)));
		}
		return new PeerSignature(secret, clock, Duration.ofSeconds(30)).sign("POST", destination, "/discovery/register",
				params);
	}

	private static String[] array(List<String> form) {
		return form.toArray(String[]::new);
	}

}

package dev.discovery.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code discovery.server.replication.secret} set, nodes replicate to each other
 * with the secret, and requests claiming to come from a node without it answer -401.
 */
class ReplicationSecretTests {

	private static final String ZONE = "sh001";

	private static final String SECRET = "s3cret-of-the-cluster";

	private static ClusterNode a;

	private static ClusterNode b;

	@BeforeAll
	static void startCluster() {
		int portA = ClusterNode.freePort();
		int portB = ClusterNode.freePort();
		List<String> nodes = List.of(ClusterNode.address(portA), ClusterNode.address(portB));
		a = ClusterNode.configure(portA, ZONE, nodes, "discovery.server.replication.secret=" + SECRET).start();
		b = ClusterNode.configure(portB, ZONE, nodes, "discovery.server.replication.secret=" + SECRET).start();
	}

	@AfterAll
	static void stopCluster() {
		List.of(a, b).forEach(ClusterNode::close);
	}

	@Test
	void nodesSharingTheSecretReplicate() {
		a.http().register("secret.replicated", ZONE, "h1");

		await().atMost(Duration.ofSeconds(5)).until(() -> b.http().instance("secret.replicated", ZONE, "h1") != null);
	}

	@Test
	void replicationClaimWithoutTheSecretIsRefused() {
		JsonNode answer = b.http().register("secret.forged", ZONE, "h1", "replication", "true");

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
		assertThat(answer.path("message").asString()).contains("X-Discovery-Secret");
		assertThat(b.http().instance("secret.forged", ZONE, "h1")).isNull();
	}

	@Test
	void fromZoneClaimWithAWrongSecretIsRefused() {
		JsonNode answer = b.http()
			.post("/discovery/renew", Map.of("X-Discovery-Secret", "guess"), "appid", "secret.app", "zone", ZONE, "env",
					"dev", "hostname", "h1", "from_zone", "true");

		assertThat(answer.path("code").asInt()).isEqualTo(-401);
	}

	@Test
	void replicationClaimWithTheSecretIsAccepted() {
		JsonNode answer = b.http()
			.post("/discovery/register", Map.of("X-Discovery-Secret", SECRET), "appid", "secret.peer", "zone", ZONE,
					"env", "dev", "hostname", "h1", "status", "1", "addrs", "http://127.0.0.1:1", "replication",
					"true");

		assertThat(answer.path("code").asInt()).isZero();
	}

	@Test
	void clientRequestsAndReadsNeedNoSecret() {
		assertThat(b.http().register("secret.client", ZONE, "h1").path("code").asInt()).isZero();
		assertThat(b.http().get("/discovery/fetch/all").path("code").asInt()).isZero();
	}

}

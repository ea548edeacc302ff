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
 * A mixed cluster: one of our nodes and a reference (Go) node configured as peers. No Go
 * toolchain is available to build the reference, so a fake peer sends exactly the
 * reference's request shapes (docs/wire-protocol.md §5.3: comma-joined {@code addrs},
 * {@code metadata=null}, {@code reg_timestamp}) and records what our node sends (§13 item
 * 60).
 */
class ReferencePeerTests {

	private static final String ZONE = "sh001";

	private static final long T = 1_700_000_000_000_000_000L;

	// A reference node's /discovery/fetch/all: metadata null, addrs joined (D1).
	private static final String REFERENCE_REGISTRY = FakePeer.registry(Map.of("go.synced",
			"[{\"region\":\"sh\",\"zone\":\"sh001\",\"env\":\"dev\",\"appid\":\"go.synced\",\"hostname\":\"g1\","
					+ "\"addrs\":[\"http://10.0.0.1:80,grpc://10.0.0.1:90\"],\"version\":\"v1\",\"metadata\":null,"
					+ "\"status\":1,\"reg_timestamp\":" + T + ",\"up_timestamp\":" + T + ",\"renew_timestamp\":"
					+ (T + 5) + ",\"dirty_timestamp\":" + (T + 1) + ",\"latest_timestamp\":" + (T + 2) + "}]"));

	private static FakePeer reference;

	private static ClusterNode ours;

	@BeforeAll
	static void startCluster() {
		reference = FakePeer
			.answering((request) -> request.path().equals("/discovery/fetch/all") ? REFERENCE_REGISTRY : FakePeer.OK);
		int port = ClusterNode.freePort();
		ours = ClusterNode.configure(port, ZONE, List.of(ClusterNode.address(port), reference.address())).start();
	}

	@AfterAll
	static void stopCluster() {
		ours.close();
		reference.close();
	}

	@Test
	void startupSyncFromAReferenceNodeSplitsJoinedAddressesAndKeepsItsTimestamps() {
		JsonNode synced = ours.http().liveInstance("go.synced", ZONE, "g1");

		assertThat(synced).isNotNull();
		assertThat(synced.path("addrs")).extracting(JsonNode::asString)
			.containsExactly("http://10.0.0.1:80", "grpc://10.0.0.1:90");
		assertThat(synced.path("metadata").isNull()).isTrue();
		assertThat(synced.path("dirty_timestamp").asLong()).isEqualTo(T + 1);
		assertThat(synced.path("renew_timestamp").asLong()).isEqualTo(T + 5);
	}

	@Test
	void referenceReplicatedRegisterIsStoredWithSplitAddressesAndNotSentBack() {
		JsonNode answer = ours.http()
			.post("/discovery/register", "region", "sh", "zone", ZONE, "env", "dev", "appid", "go.pushed", "hostname",
					"g2", "addrs", "http://10.0.0.2:80,grpc://10.0.0.2:90", "status", "1", "version", "", "metadata",
					"null", "reg_timestamp", Long.toString(T), "dirty_timestamp", Long.toString(T + 1),
					"latest_timestamp", Long.toString(T + 2), "replication", "true", "from_zone", "true");
		assertThat(answer.path("code").asInt()).isZero();
		ours.http().register("go.marker", ZONE, "after-g2");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> reference.received("/discovery/register")
				.stream()
				.anyMatch((request) -> request.param("hostname").equals("after-g2")));

		JsonNode stored = ours.http().instance("go.pushed", ZONE, "g2");
		assertThat(stored.path("addrs")).extracting(JsonNode::asString)
			.containsExactly("http://10.0.0.2:80", "grpc://10.0.0.2:90");
		assertThat(stored.path("metadata").isObject()).isTrue();
		assertThat(stored.path("dirty_timestamp").asLong()).isEqualTo(T + 1);
		assertThat(reference.received()).noneMatch((request) -> request.param("hostname").equals("g2"));
	}

	@Test
	void clientRegisterReachesTheReferenceNodeAsRepeatedAddrsWithReplicationFlags() {
		ours.http()
			.post("/discovery/register", "zone", ZONE, "env", "dev", "appid", "java.app", "hostname", "j1", "status",
					"1", "addrs", "http://10.0.0.3:80", "addrs", "grpc://10.0.0.3:90", "metadata",
					"{\"weight\":\"10\"}", "version", "v2", "region", "sh");

		FakePeer.Received sent = await().atMost(Duration.ofSeconds(5))
			.until(() -> reference.received("/discovery/register")
				.stream()
				.filter((request) -> request.param("hostname").equals("j1"))
				.findFirst()
				.orElse(null), (request) -> request != null);
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.all("addrs")).containsExactly("http://10.0.0.3:80", "grpc://10.0.0.3:90");
		assertThat(sent.param("replication")).isEqualTo("true");
		assertThat(sent.param("from_zone")).isEqualTo("true");
		assertThat(sent.param("metadata")).isEqualTo("{\"weight\":\"10\"}");
		assertThat(sent.param("status")).isEqualTo("1");
		assertThat(sent.param("version")).isEqualTo("v2");
		assertThat(sent.param("appid")).isEqualTo("java.app");
		assertThat(sent.param("zone")).isEqualTo(ZONE);
		assertThat(sent.param("env")).isEqualTo("dev");
		assertThat(sent.param("region")).isEqualTo("sh");
		assertThat(Long.parseLong(sent.param("dirty_timestamp")))
			.isEqualTo(ours.http().instance("java.app", ZONE, "j1").path("dirty_timestamp").asLong());
		assertThat(sent.headers()).isEmpty();
	}

	@Test
	void conflictAnswerOfTheReferenceNodeIsStoredWithSplitAddresses() {
		long newer = System.currentTimeMillis() * 1_000_000 + 60_000_000_000L;
		reference.answers((request) -> {
			if (request.path().equals("/discovery/renew") && request.param("hostname").equals("c1")) {
				return "{\"code\":-409,\"message\":\"-409\",\"ttl\":1,\"data\":{\"region\":\"sh\",\"zone\":\"" + ZONE
						+ "\",\"env\":\"dev\",\"appid\":\"go.conflict\",\"hostname\":\"c1\","
						+ "\"addrs\":[\"http://10.0.0.4:80,grpc://10.0.0.4:90\"],\"version\":\"v9\",\"metadata\":null,"
						+ "\"status\":2,\"reg_timestamp\":1,\"up_timestamp\":1,\"renew_timestamp\":1,\"dirty_timestamp\":"
						+ newer + ",\"latest_timestamp\":1}}";
			}
			return request.path().equals("/discovery/fetch/all") ? REFERENCE_REGISTRY : FakePeer.OK;
		});
		ours.http().register("go.conflict", ZONE, "c1");

		ours.http().renew("go.conflict", ZONE, "c1");

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode adopted = ours.http().instance("go.conflict", ZONE, "c1");
			assertThat(adopted.path("dirty_timestamp").asLong()).isEqualTo(newer);
			assertThat(adopted.path("status").asInt()).isEqualTo(2);
			assertThat(adopted.path("addrs")).extracting(JsonNode::asString)
				.containsExactly("http://10.0.0.4:80", "grpc://10.0.0.4:90");
		});
	}

}

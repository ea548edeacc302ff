package dev.discovery.server.replication;

import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicationOp}: the request shapes of docs/wire-protocol.md §5.3 with
 * repeated {@code addrs} (D1).
 */
class ReplicationOpTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Instance INSTANCE = new Instance("sh", "sh001", "dev", "app", "h1",
			List.of("http://1.1.1.1:80", "grpc://1.1.1.1:90"), "v1", Map.of("weight", "10"), 1, 11, 12, 13, 14, 15);

	@Test
	void registerSendsEveryAddressAsItsOwnParameterAndMetadataAsJson() {
		String form = ReplicationOp.register(INSTANCE).form(true, MAPPER).encoded();

		assertThat(form).isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1"
				+ "&addrs=http%3A%2F%2F1.1.1.1%3A80&addrs=grpc%3A%2F%2F1.1.1.1%3A90&status=1&version=v1"
				+ "&metadata=%7B%22weight%22%3A%2210%22%7D&reg_timestamp=11&dirty_timestamp=14&latest_timestamp=15"
				+ "&replication=true&from_zone=true");
	}

	@Test
	void registerOfAnInstanceWithoutMetadataSendsNone() {
		Instance bare = new Instance("", "sh001", "dev", "app", "h1", List.of("http://1.1.1.1:80"), "", null, 1, 1, 1,
				1, 1, 1);

		assertThat(ReplicationOp.register(bare).form(false, MAPPER).encoded()).doesNotContain("metadata")
			.endsWith("&replication=false&from_zone=true");
	}

	@Test
	void renewCarriesTheDirtyTimestamp() {
		assertThat(ReplicationOp.renew(INSTANCE).form(true, MAPPER).encoded())
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&dirty_timestamp=14"
					+ "&replication=true&from_zone=true");
	}

	@Test
	void cancelCarriesTheCancelsLatestTimestampAndItsVersion() {
		assertThat(ReplicationOp.cancel(Replicator.cancelled(INSTANCE, 77), 99).form(true, MAPPER).encoded())
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&latest_timestamp=99&dirty_timestamp=77"
					+ "&replication=true&from_zone=true");
	}

	@Test
	void setRepeatsHostnamesStatusesAndMetadataAsReceived() {
		ReplicatedSet set = new ReplicatedSet("sh", "sh001", "dev", "app", List.of("h1", "h2"), List.of("2", "1"),
				List.of(), 77);

		assertThat(ReplicationOp.set(set).form(false, MAPPER).encoded())
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&hostname=h2&status=2&status=1"
					+ "&set_timestamp=77&replication=false&from_zone=true");
	}

	@Test
	void operationsOnOneInstanceShareItsKeyButNotTheirOwn() {
		ReplicationOp register = ReplicationOp.register(INSTANCE);
		ReplicationOp renew = ReplicationOp.renew(INSTANCE);

		assertThat(register.key()).isNotEqualTo(renew.key());
		assertThat(register.instances()).isEqualTo(renew.instances());
	}

	@Test
	void commaJoinedAddressesOfAReferencePeerAreSplit() {
		Instance joined = new Instance("", "sh001", "dev", "app", "h1", List.of("http://1.1.1.1:80, grpc://1.1.1.1:90"),
				"", null, 1, 1, 1, 1, 1, 1);

		assertThat(Instances.normalized(joined).addrs()).containsExactly("http://1.1.1.1:80", "grpc://1.1.1.1:90");
	}

}

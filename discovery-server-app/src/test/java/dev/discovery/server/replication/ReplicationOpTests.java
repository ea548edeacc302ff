package dev.discovery.server.replication;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicationOp}: the request shapes of docs/wire-protocol.md §5.3 with
 * repeated {@code addrs} (D1), as the protocol client encodes them.
 */
class ReplicationOpTests {

	private String sentForm = "";

	private final DiscoveryHttpApi api = DiscoveryHttpApiFactory.create(DiscoveryHttpApiFactory
		.restClient(HttpClient.newHttpClient(), Duration.ofSeconds(1), DiscoveryJson.mapper())
		.requestInterceptor((request, body, execution) -> {
			this.sentForm = new String(body, StandardCharsets.UTF_8);
			MockClientHttpResponse answer = new MockClientHttpResponse("{\"code\":0}".getBytes(StandardCharsets.UTF_8),
					HttpStatus.OK);
			answer.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			return answer;
		})
		.build());

	private static final Instance INSTANCE = new Instance("sh", "sh001", "dev", "app", "h1",
			List.of("http://1.1.1.1:80", "grpc://1.1.1.1:90"), "v1", Map.of("weight", "10"), 1, 11, 12, 13, 14, 15);

	@Test
	void registerSendsEveryAddressAsItsOwnParameterAndMetadataAsJson() {
		String form = form(ReplicationOp.register(INSTANCE), true);

		assertThat(form).isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1"
				+ "&addrs=http%3A%2F%2F1.1.1.1%3A80&addrs=grpc%3A%2F%2F1.1.1.1%3A90&status=1&version=v1"
				+ "&metadata=%7B%22weight%22%3A%2210%22%7D&reg_timestamp=11&dirty_timestamp=14&latest_timestamp=15"
				+ "&replication=true&from_zone=true");
	}

	@Test
	void registerOfAnInstanceWithoutMetadataSendsNone() {
		Instance bare = new Instance("", "sh001", "dev", "app", "h1", List.of("http://1.1.1.1:80"), "", null, 1, 1, 1,
				1, 1, 1);

		assertThat(form(ReplicationOp.register(bare), false)).doesNotContain("metadata")
			.endsWith("&replication=false&from_zone=true");
	}

	@Test
	void renewCarriesTheDirtyTimestamp() {
		assertThat(form(ReplicationOp.renew(INSTANCE), true))
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&dirty_timestamp=14"
					+ "&replication=true&from_zone=true");
	}

	@Test
	void cancelCarriesTheCancelsLatestTimestampAndItsVersion() {
		assertThat(form(ReplicationOp.cancel(Replicator.cancelled(INSTANCE, 77), 99), true))
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&latest_timestamp=99&dirty_timestamp=77"
					+ "&replication=true&from_zone=true");
	}

	@Test
	void setRepeatsHostnamesStatusesAndMetadataAsReceived() {
		ReplicatedSet set = new ReplicatedSet("sh", "sh001", "dev", "app", List.of("h1", "h2"), List.of("2", "1"),
				List.of(), 77);

		assertThat(form(ReplicationOp.set(set), false))
			.isEqualTo("region=sh&zone=sh001&env=dev&appid=app&hostname=h1&hostname=h2&status=2&status=1"
					+ "&set_timestamp=77&replication=false&from_zone=true");
	}

	private String form(ReplicationOp op, boolean replication) {
		op.send(this.api, new DefaultUriBuilderFactory("http://127.0.0.1:1"), replication);
		return this.sentForm;
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

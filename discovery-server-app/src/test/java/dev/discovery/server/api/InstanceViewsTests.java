package dev.discovery.server.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceViews}.
 */
class InstanceViewsTests {

	private static final AppKey DEMO = new AppKey("dev", "demo");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AtomicLong ticker = new AtomicLong();

	private final Registry registry = new Registry(new SelfPreservationGuard(0.85));

	private final InstanceViews views = new InstanceViews(this.mapper, (key) -> null, this.ticker::get,
			Duration.ofSeconds(1));

	@Test
	void splicedAnswerIsWhatJacksonWritesForTheSameInstances() {
		register("h1", "sh001", InstanceStatus.UP, Map.of("weight", "10", "renew_timestamp", "x"));
		register("h2", "sh002", InstanceStatus.WAITING, null);
		this.registry.renew(DEMO, "sh001", "h1", 777);
		AppSnapshot snapshot = this.registry.snapshot(DEMO);

		byte[] spliced = this.views.info(snapshot, null, InstanceStatus.ALL);

		Map<String, List<Instance>> expected = new LinkedHashMap<>();
		expected.put("sh001", List.of(InstanceViews.forOutput(lease("sh001", "h1").current())));
		expected.put("sh002", List.of(InstanceViews.forOutput(lease("sh002", "h2").current())));
		assertThat(this.mapper.readTree(spliced)).isEqualTo(this.mapper
			.readTree(this.mapper.writeValueAsBytes(new InstanceInfo(expected, null, snapshot.latestTimestamp()))));
	}

	@Test
	void statusMaskKeepsTheZoneWithAnEmptyList() {
		register("h2", "sh002", InstanceStatus.WAITING, null);

		JsonNode info = this.mapper.readTree(this.views.info(this.registry.snapshot(DEMO), null, InstanceStatus.UP));

		assertThat(info.path("instances").path("sh002").isArray()).isTrue();
		assertThat(info.path("instances").path("sh002")).isEmpty();
	}

	@Test
	void plainAnswerShowsTheLastRenewAtOnce() {
		register("h1", "sh001", InstanceStatus.UP, null);
		AppSnapshot snapshot = this.registry.snapshot(DEMO);
		this.views.standard(snapshot, null, InstanceStatus.UP, false);

		this.registry.renew(DEMO, "sh001", "h1", 555);

		assertThat(renewTimestamp(this.views.standard(snapshot, null, InstanceStatus.UP, false))).isEqualTo(555);
	}

	@Test
	void compressedAnswerIsBuiltOncePerChangeAndTrailsRenewsByAtMostTheRefresh() {
		register("h1", "sh001", InstanceStatus.UP, null);
		AppSnapshot snapshot = this.registry.snapshot(DEMO);
		InstanceViews.Body first = this.views.standard(snapshot, null, InstanceStatus.UP, true);
		this.registry.renew(DEMO, "sh001", "h1", 555);

		this.ticker.addAndGet(Duration.ofMillis(999).toNanos());
		InstanceViews.Body withinRefresh = this.views.standard(snapshot, null, InstanceStatus.UP, true);
		this.ticker.addAndGet(Duration.ofMillis(1).toNanos());
		InstanceViews.Body afterRefresh = this.views.standard(snapshot, null, InstanceStatus.UP, true);

		assertThat(first.gzip()).isTrue();
		assertThat(withinRefresh.bytes()).isSameAs(first.bytes());
		assertThat(renewTimestamp(afterRefresh)).isEqualTo(555);
	}

	@Test
	void pollsAnswerIsTheMapEnvelopeOfTheApp() {
		register("h1", "sh001", InstanceStatus.UP, null);

		JsonNode answer = json(this.views.polls(this.registry.snapshot(DEMO), null, true));

		assertThat(answer.propertyNames()).containsExactly("code", "message", "data", "error");
		assertThat(answer.path("data").path("demo").path("instances").path("sh001")).hasSize(1);
		assertThat(answer.path("error").path("-404").isNull()).isTrue();
	}

	private void register(String hostname, String zone, int status, Map<String, String> metadata) {
		this.registry.register(new Instance("sh", zone, "dev", "demo", hostname, List.of("http://10.0.0.1:80"), "v1",
				metadata, status, 100, 100, 100, 100, 100));
	}

	private Lease lease(String zone, String hostname) {
		return this.registry.lease(DEMO, zone, hostname);
	}

	private long renewTimestamp(InstanceViews.Body body) {
		return json(body).path("data").path("instances").path("sh001").path(0).path("renew_timestamp").asLong();
	}

	private JsonNode json(InstanceViews.Body body) {
		if (!body.gzip()) {
			return this.mapper.readTree(body.bytes());
		}
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.bytes()))) {
			return this.mapper.readTree(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

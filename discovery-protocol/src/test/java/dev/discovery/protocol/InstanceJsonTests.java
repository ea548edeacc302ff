package dev.discovery.protocol;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON shape of {@link Instance} and {@link InstanceInfo}.
 */
class InstanceJsonTests {

	private final JsonMapper mapper = DiscoveryJson.mapper();

	@Test
	void instanceIsWrittenWithAllFourteenFieldsInReferenceOrder() {
		Instance instance = new Instance("sh", "sh001", "dev", "demo", "h1", List.of("http://1.1.1.1:80"), "v1",
				Map.of("weight", "10"), 1, 1L, 2L, 3L, 4L, 5L);

		String json = this.mapper.writeValueAsString(instance);

		assertThat(json).isEqualTo("{\"region\":\"sh\",\"zone\":\"sh001\",\"env\":\"dev\",\"appid\":\"demo\","
				+ "\"hostname\":\"h1\",\"addrs\":[\"http://1.1.1.1:80\"],\"version\":\"v1\","
				+ "\"metadata\":{\"weight\":\"10\"},\"status\":1,\"reg_timestamp\":1,\"up_timestamp\":2,"
				+ "\"renew_timestamp\":3,\"dirty_timestamp\":4,\"latest_timestamp\":5}");
	}

	@Test
	void nanosecondTimestampsAboveTwoToTheFiftyThirdSurviveARoundTrip() {
		long ts = 1_732_000_000_123_456_789L;
		String json = "{\"instances\":{\"sh001\":[{\"appid\":\"a\",\"metadata\":null,\"latest_timestamp\":" + ts
				+ "}]},\"latest_timestamp\":" + ts + "}";

		InstanceInfo info = this.mapper.readValue(json, InstanceInfo.class);

		assertThat(info.latestTimestamp()).isEqualTo(ts);
		assertThat(info.instances().get("sh001").get(0).latestTimestamp()).isEqualTo(ts);
		assertThat(info.instances().get("sh001").get(0).addrs()).isEmpty();
	}

	@Test
	void schedulerIsOmittedWhenAbsentAndAcceptedInBothForms() {
		String written = this.mapper.writeValueAsString(new InstanceInfo(Map.of(), null, 7L));
		InstanceInfo objectForm = this.mapper.readValue("{\"scheduler\":{\"clients\":{}},\"latest_timestamp\":1}",
				InstanceInfo.class);
		InstanceInfo arrayForm = this.mapper.readValue(
				"{\"scheduler\":[{\"src\":\"sh001\",\"dst\":{\"sh001\":3}}],\"latest_timestamp\":1}",
				InstanceInfo.class);

		assertThat(written).isEqualTo("{\"instances\":{},\"latest_timestamp\":7}");
		assertThat(objectForm.scheduler()).isInstanceOf(Map.class);
		assertThat(arrayForm.scheduler()).isInstanceOf(List.class);
	}

}

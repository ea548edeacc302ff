package dev.discovery.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EnvelopeWriter}: the exact bytes of each envelope, and that
 * {@link Response} and {@link PollsResponse} read them back.
 */
class EnvelopeWriterTests {

	@Test
	void okHasCodeMessageAndTtlButNoData() {
		assertThat(text(EnvelopeWriter.ok())).isEqualTo("{\"code\":0,\"message\":\"0\",\"ttl\":1}");
	}

	@Test
	void standardEnvelopeSplicesSerializedData() {
		byte[] envelope = EnvelopeWriter.standard(ErrorCode.NOTHING_FOUND, EnvelopeWriter.NULL);

		assertThat(text(envelope)).isEqualTo("{\"code\":-404,\"message\":\"-404\",\"ttl\":1,\"data\":null}");
	}

	@Test
	void messageIsEscapedAsAJsonString() {
		byte[] envelope = EnvelopeWriter.standard(ErrorCode.REQUEST_ERR, "bad \"zone\"\n", null);

		Response<Void> read = DiscoveryJson.mapper().readValue(envelope, new TypeReference<>() {
		});
		assertThat(read.code()).isEqualTo(-400);
		assertThat(read.message()).isEqualTo("bad \"zone\"\n");
	}

	@Test
	void mapEnvelopeHasNoTtl() {
		assertThat(text(EnvelopeWriter.map(ErrorCode.NOTHING_FOUND, "demo not found")))
			.isEqualTo("{\"code\":-404,\"message\":\"demo not found\"}");
	}

	@Test
	void pollsEnvelopeListsChangedAppsAndMissingOnes() {
		Map<String, byte[]> changed = new LinkedHashMap<>();
		changed.put("a", "{\"instances\":{},\"latest_timestamp\":7}".getBytes(StandardCharsets.UTF_8));

		byte[] envelope = EnvelopeWriter.polls(changed, List.of("gone"));

		assertThat(text(envelope)).isEqualTo("{\"code\":0,\"message\":\"0\",\"data\":{\"a\":"
				+ "{\"instances\":{},\"latest_timestamp\":7}},\"error\":{\"-404\":[\"gone\"]}}");
		PollsResponse read = DiscoveryJson.mapper().readValue(envelope, PollsResponse.class);
		assertThat(read.data()).containsOnlyKeys("a");
		assertThat(read.data().get("a").latestTimestamp()).isEqualTo(7);
		assertThat(read.error()).containsEntry("-404", List.of("gone"));
	}

	@Test
	void pollsEnvelopeWithoutMissingAppsHasANullErrorList() {
		assertThat(text(EnvelopeWriter.polls(Map.of(), List.of())))
			.isEqualTo("{\"code\":0,\"message\":\"0\",\"data\":{},\"error\":{\"-404\":null}}");
	}

	@Test
	void membersJoinNamesAndSerializedValues() {
		byte[] object = EnvelopeWriter.members(2)
			.add("a", "1".getBytes(StandardCharsets.UTF_8))
			.add("b\"", "[]".getBytes(StandardCharsets.UTF_8))
			.toByteArray();

		assertThat(text(object)).isEqualTo("{\"a\":1,\"b\\\"\":[]}");
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}

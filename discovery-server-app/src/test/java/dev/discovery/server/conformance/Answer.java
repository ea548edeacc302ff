package dev.discovery.server.conformance;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP answer of the server: status, content type, raw body and how long it took.
 */
record Answer(int status, @Nullable String contentType, String body, Duration elapsed) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	JsonNode json() {
		return MAPPER.readTree(this.body);
	}

	int code() {
		return json().path("code").intValue();
	}

	JsonNode data() {
		return json().path("data");
	}

	static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	@Override
	public String toString() {
		return "HTTP " + this.status + " [" + this.contentType + "] " + abbreviated(this.body) + " after "
				+ this.elapsed.toMillis() + " ms";
	}

	private static String abbreviated(String text) {
		return (text.length() > 600) ? text.substring(0, 600) + "..." : text;
	}

}

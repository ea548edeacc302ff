package dev.discovery.client.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One request as it arrived at a {@link RecordingProxy}, with the answer the proxy gave
 * once it is known.
 *
 * @param method HTTP method
 * @param path request path
 * @param query raw query string, empty when none
 * @param headers request headers, names in lower case
 * @param body raw body text
 * @param answer the body sent back, or {@code null} when the proxy hung up or stalled
 */
record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
		CompletableFuture<@Nullable String> answer) {

	/**
	 * The first value of a header.
	 * @param name header name in any case
	 * @return the value or {@code null}
	 */
	@Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Parameters of the query string, in order, decoded.
	 * @return name and value pairs
	 */
	List<Map.Entry<String, String>> queryParams() {
		return decode(this.query);
	}

	/**
	 * Parameters of a form-encoded body, in order, decoded.
	 * @return name and value pairs
	 */
	List<Map.Entry<String, String>> formParams() {
		return decode(this.body);
	}

	/**
	 * Names of the parameters sent in the query string and the form body, in order.
	 * @return the names, repeated parameters repeated
	 */
	List<String> paramNames() {
		List<String> names = new ArrayList<>();
		queryParams().forEach((param) -> names.add(param.getKey()));
		formParams().forEach((param) -> names.add(param.getKey()));
		return names;
	}

	/**
	 * Every value of a parameter in the query string and the form body, in order.
	 * @param name parameter name
	 * @return the values
	 */
	List<String> values(String name) {
		List<String> values = new ArrayList<>();
		for (Map.Entry<String, String> param : queryParams()) {
			if (param.getKey().equals(name)) {
				values.add(param.getValue());
			}
		}
		for (Map.Entry<String, String> param : formParams()) {
			if (param.getKey().equals(name)) {
				values.add(param.getValue());
			}
		}
		return values;
	}

	/**
	 * The single value of a parameter.
	 * @param name parameter name
	 * @return the value
	 * @throws IllegalStateException when the parameter is absent or repeated
	 */
	String value(String name) {
		List<String> values = values(name);
		if (values.size() != 1) {
			throw new IllegalStateException("Expected one '" + name + "' in " + this + " but got " + values);
		}
		return values.get(0);
	}

	/**
	 * The answer body, waiting for it.
	 * @return the body, {@code null} when none was sent
	 */
	@Nullable String answerBody() {
		return this.answer.join();
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + (this.query.isEmpty() ? "" : "?" + this.query)
				+ (this.body.isEmpty() ? "" : " [" + this.body + "]");
	}

	private static List<Map.Entry<String, String>> decode(String encoded) {
		List<Map.Entry<String, String>> params = new ArrayList<>();
		if (encoded.isEmpty()) {
			return params;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			params.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8)));
		}
		return params;
	}

}

package dev.discovery.server.conformance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ordered request parameters that may repeat, written as a query string or a form body.
 */
final class Form {

	private final List<Map.Entry<String, String>> params = new ArrayList<>();

	static Form of(String... namesAndValues) {
		Form form = new Form();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return form;
	}

	Form add(String name, String value) {
		this.params.add(Map.entry(name, value));
		return this;
	}

	Form addAll(String name, List<String> values) {
		values.forEach((value) -> add(name, value));
		return this;
	}

	/** Replaces every occurrence of {@code name} with one occurrence of {@code value}. */
	Form with(String name, String value) {
		return without(name).add(name, value);
	}

	Form without(String name) {
		this.params.removeIf((param) -> param.getKey().equals(name));
		return this;
	}

	Form copy() {
		Form copy = new Form();
		copy.params.addAll(this.params);
		return copy;
	}

	String encoded() {
		return this.params.stream()
			.map((param) -> encode(param.getKey()) + "=" + encode(param.getValue()))
			.collect(Collectors.joining("&"));
	}

	@Override
	public String toString() {
		return encoded();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}

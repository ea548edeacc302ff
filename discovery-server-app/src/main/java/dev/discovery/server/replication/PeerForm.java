package dev.discovery.server.replication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body; a name added twice is sent twice
 * (repeated parameters, as the reference binds lists).
 */
final class PeerForm {

	private final List<Map.Entry<String, String>> entries = new ArrayList<>();

	PeerForm add(String name, String value) {
		this.entries.add(Map.entry(name, value));
		return this;
	}

	PeerForm add(String name, long value) {
		return add(name, Long.toString(value));
	}

	PeerForm add(String name, boolean value) {
		return add(name, value ? "true" : "false");
	}

	/**
	 * The parameters in order, as signed.
	 */
	List<Map.Entry<String, String>> entries() {
		return this.entries;
	}

	String encoded() {
		StringBuilder body = new StringBuilder(256);
		for (Map.Entry<String, String> entry : this.entries) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	@Override
	public String toString() {
		return encoded();
	}

}

package dev.discovery.server.replication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An {@code application/x-www-form-urlencoded} body; a name added twice is sent twice
 * (repeated parameters, as the reference binds lists).
 */
final class PeerForm {

	private final StringBuilder body = new StringBuilder(256);

	PeerForm add(String name, String value) {
		if (!this.body.isEmpty()) {
			this.body.append('&');
		}
		this.body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		return this;
	}

	PeerForm add(String name, long value) {
		return add(name, Long.toString(value));
	}

	PeerForm add(String name, boolean value) {
		return add(name, value ? "true" : "false");
	}

	String encoded() {
		return this.body.toString();
	}

	@Override
	public String toString() {
		return encoded();
	}

}

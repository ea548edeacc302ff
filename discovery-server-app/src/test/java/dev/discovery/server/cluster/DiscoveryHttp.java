package dev.discovery.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal discovery client for the cluster tests: form POSTs and GETs, JSON answers.
 */
final class DiscoveryHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.proxy(HttpClient.Builder.NO_PROXY)
		.build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final int port;

	DiscoveryHttp(int port) {
		this.port = port;
	}

	JsonNode post(String path, String... params) {
		return post(path, Map.of(), params);
	}

	JsonNode post(String path, Map<String, String> headers, String... params) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, ""))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(params)));
		headers.forEach(request::header);
		return send(request.build());
	}

	JsonNode get(String path, String... params) {
		return send(HttpRequest.newBuilder(uri(path, form(params))).timeout(Duration.ofSeconds(10)).GET().build());
	}

	CompletableFuture<JsonNode> getAsync(String path, String... params) {
		HttpRequest request = HttpRequest.newBuilder(uri(path, form(params)))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
		return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
			.thenApply((response) -> MAPPER.readTree(response.body()));
	}

	JsonNode register(String appid, String zone, String hostname, String... more) {
		List<String> params = new ArrayList<>(List.of("appid", appid, "zone", zone, "env", "dev", "hostname", hostname,
				"status", "1", "addrs", "http://127.0.0.1:9000", "region", "test"));
		params.addAll(List.of(more));
		return post("/discovery/register", params.toArray(String[]::new));
	}

	JsonNode renew(String appid, String zone, String hostname) {
		return post("/discovery/renew", "appid", appid, "zone", zone, "env", "dev", "hostname", hostname);
	}

	JsonNode cancel(String appid, String zone, String hostname) {
		return post("/discovery/cancel", "appid", appid, "zone", zone, "env", "dev", "hostname", hostname);
	}

	JsonNode fetch(String appid) {
		return get("/discovery/fetch", "appid", appid, "env", "dev", "status", "3");
	}

	/**
	 * The instance of a fetch answer, or {@code null} when the node does not know it.
	 */
	@Nullable JsonNode instance(String appid, String zone, String hostname) {
		JsonNode answer = fetch(appid);
		if (answer.path("code").asInt() != 0) {
			return null;
		}
		for (JsonNode instance : answer.path("data").path("instances").path(zone)) {
			if (hostname.equals(instance.path("hostname").asString())) {
				return instance;
			}
		}
		return null;
	}

	/**
	 * The instance as {@code /discovery/fetch/all} shows it, with its live
	 * {@code renew_timestamp} (fetch answers are built once per change, not per renew).
	 */
	@Nullable JsonNode liveInstance(String appid, String zone, String hostname) {
		for (JsonNode instance : get("/discovery/fetch/all").path("data").path(appid)) {
			if (zone.equals(instance.path("zone").asString())
					&& hostname.equals(instance.path("hostname").asString())) {
				return instance;
			}
		}
		return null;
	}

	private URI uri(String path, String query) {
		return URI.create("http://127.0.0.1:" + this.port + path + (query.isEmpty() ? "" : "?" + query));
	}

	private static JsonNode send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return MAPPER.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String form(String... params) {
		StringBuilder form = new StringBuilder();
		for (int n = 0; n + 1 < params.length; n += 2) {
			if (!form.isEmpty()) {
				form.append('&');
			}
			form.append(URLEncoder.encode(params[n], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(params[n + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

}

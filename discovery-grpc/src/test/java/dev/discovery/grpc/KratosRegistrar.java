package dev.discovery.grpc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers instances exactly as kratos v2's discovery registry does
 * (docs/wire-protocol.md §10): {@code POST} with every parameter in the query string, an
 * empty body and no {@code Content-Type}; {@code kratos.v2.serviceinstance.id} in the
 * metadata; endpoints such as {@code grpc://127.0.0.1:9000?isSecure=false}.
 */
final class KratosRegistrar {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	KratosRegistrar(String node) {
		this.base = "http://" + node;
	}

	void register(KratosInstance instance) {
		Map<String, List<String>> params = identity(instance);
		params.put("addrs", instance.addrs());
		params.put("version", List.of("v1.0.0"));
		params.put("status", List.of(Integer.toString(instance.status())));
		params.put("metadata", List.of("{\"kratos.v2.serviceinstance.id\":\"" + instance.hostname() + "\"}"));
		post("/discovery/register", params);
	}

	void cancel(KratosInstance instance) {
		post("/discovery/cancel", identity(instance));
	}

	private static Map<String, List<String>> identity(KratosInstance instance) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		params.put("region", List.of("region01"));
		params.put("zone", List.of(instance.zone()));
		params.put("env", List.of(instance.env()));
		params.put("appid", List.of(instance.appid()));
		params.put("hostname", List.of(instance.hostname()));
		return params;
	}

	private void post(String path, Map<String, List<String>> params) {
		List<String> pairs = new ArrayList<>();
		params.forEach((name, values) -> values.forEach((value) -> pairs.add(name + "=" + encode(value))));
		URI uri = URI.create(this.base + path + "?" + String.join("&", pairs));
		HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).as(path + " answer").contains("\"code\":0");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One kratos instance.
	 *
	 * @param appid the app
	 * @param hostname the instance id
	 * @param env deploy environment
	 * @param zone zone
	 * @param status 1 UP, 2 WAITING
	 * @param addrs endpoints
	 */
	record KratosInstance(String appid, String hostname, String env, String zone, int status, List<String> addrs) {

		static KratosInstance grpc(String appid, String hostname, int port) {
			return new KratosInstance(appid, hostname, "dev", "zone01", 1,
					List.of("grpc://127.0.0.1:" + port + "?isSecure=false"));
		}

		@Override
		public String toString() {
			return this.appid + "/" + this.hostname + " " + this.addrs.stream().collect(Collectors.joining(","));
		}

	}

}

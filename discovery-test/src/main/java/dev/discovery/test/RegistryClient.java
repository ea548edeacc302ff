package dev.discovery.test;

import java.io.IOException;
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
import java.util.StringJoiner;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.protocol.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Registers, renews, cancels and fetches instances on an {@link EmbeddedDiscoveryServer}
 * over HTTP, in the server's zone and env, so that a test can fake the applications its
 * application under test calls.
 * <p>
 * A faked instance is not renewed: the server evicts it after its lease (90 s by default)
 * unless the test calls {@link #renew(String, String)}.
 */
public final class RegistryClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final TypeReference<Response<InstanceInfo>> FETCH_ANSWER = new TypeReference<>() {
	};

	private static final TypeReference<Response<Object>> ANSWER = new TypeReference<>() {
	};

	private final EmbeddedDiscoveryServer server;

	private final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.proxy(HttpClient.Builder.NO_PROXY)
		.connectTimeout(TIMEOUT)
		.build();

	private final JsonMapper jsonMapper = DiscoveryJson.mapper();

	RegistryClient(EmbeddedDiscoveryServer server) {
		this.server = server;
	}

	/**
	 * Register an UP instance without metadata.
	 * @param appid the application id
	 * @param hostname the instance id within the app
	 * @param addrs its addresses, such as {@code http://127.0.0.1:8080}
	 */
	public void register(String appid, String hostname, String... addrs) {
		register(appid, hostname, List.of(addrs), Map.of());
	}

	/**
	 * Register an UP instance, or replace the one with the same hostname.
	 * @param appid the application id
	 * @param hostname the instance id within the app
	 * @param addrs its addresses, at least one
	 * @param metadata its metadata, such as {@code weight} or {@code color}
	 */
	public void register(String appid, String hostname, List<String> addrs, Map<String, String> metadata) {
		Assert.notEmpty(addrs, "'addrs' must contain at least one address");
		Form form = identity(appid, hostname).add("status", Integer.toString(InstanceStatus.UP))
			.add("region", this.server.region());
		addrs.forEach((addr) -> form.add("addrs", addr));
		if (!metadata.isEmpty()) {
			form.add("metadata", this.jsonMapper.writeValueAsString(metadata));
		}
		Response<Object> answer = post(DiscoveryApi.REGISTER, form);
		if (!answer.isOk()) {
			throw new EmbeddedDiscoveryServerException("Register of " + appid + "/" + hostname + " answered code "
					+ answer.code() + " (" + answer.message() + ")");
		}
	}

	/**
	 * Renew an instance, as its heartbeat would.
	 * @param appid the application id
	 * @param hostname the instance id within the app
	 * @return {@code false} if the server does not know the instance
	 */
	public boolean renew(String appid, String hostname) {
		return isKnown(DiscoveryApi.RENEW, post(DiscoveryApi.RENEW, identity(appid, hostname)), appid, hostname);
	}

	/**
	 * Cancel (deregister) an instance.
	 * @param appid the application id
	 * @param hostname the instance id within the app
	 * @return {@code false} if the server did not know the instance
	 */
	public boolean cancel(String appid, String hostname) {
		return isKnown(DiscoveryApi.CANCEL, post(DiscoveryApi.CANCEL, identity(appid, hostname)), appid, hostname);
	}

	/**
	 * The instances of an app in the server's env, every zone and status.
	 * @param appid the application id
	 * @return its instances, empty if the app is unknown
	 */
	public List<Instance> instances(String appid) {
		Form query = new Form().add("appid", appid)
			.add("env", this.server.env())
			.add("status", Integer.toString(InstanceStatus.ALL));
		HttpRequest request = request(DiscoveryApi.FETCH + "?" + query).GET().build();
		Response<InstanceInfo> answer = send(request, FETCH_ANSWER);
		if (answer.code() == ErrorCode.NOTHING_FOUND.code() || answer.data() == null) {
			return List.of();
		}
		if (!answer.isOk()) {
			throw new EmbeddedDiscoveryServerException(
					"Fetch of " + appid + " answered code " + answer.code() + " (" + answer.message() + ")");
		}
		List<Instance> instances = new ArrayList<>();
		answer.data().instances().values().forEach(instances::addAll);
		return instances;
	}

	/**
	 * The hostnames of an app's instances, for short assertions.
	 * @param appid the application id
	 * @return hostnames of every instance, empty if the app is unknown
	 */
	public List<String> hostnames(String appid) {
		return instances(appid).stream().map(Instance::hostname).sorted().toList();
	}

	private Form identity(String appid, String hostname) {
		Assert.hasText(appid, "'appid' must not be empty");
		Assert.hasText(hostname, "'hostname' must not be empty");
		return new Form().add("zone", this.server.zone())
			.add("env", this.server.env())
			.add("appid", appid)
			.add("hostname", hostname);
	}

	private boolean isKnown(String path, Response<Object> answer, String appid, String hostname) {
		if (answer.code() == ErrorCode.NOTHING_FOUND.code()) {
			return false;
		}
		if (!answer.isOk()) {
			throw new EmbeddedDiscoveryServerException(path + " of " + appid + "/" + hostname + " answered code "
					+ answer.code() + " (" + answer.message() + ")");
		}
		return true;
	}

	private Response<Object> post(String path, Form form) {
		HttpRequest request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build();
		return send(request, ANSWER);
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(this.server.url() + pathAndQuery)).timeout(TIMEOUT);
	}

	private <T> Response<T> send(HttpRequest request, TypeReference<Response<T>> type) {
		try {
			HttpResponse<String> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
			return this.jsonMapper.readValue(response.body(), type);
		}
		catch (IOException | JacksonException ex) {
			throw new EmbeddedDiscoveryServerException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedDiscoveryServerException(request.method() + " " + request.uri() + " interrupted", ex);
		}
	}

	/**
	 * URL-encoded parameters, repeated names allowed.
	 */
	private static final class Form {

		private final StringJoiner pairs = new StringJoiner("&");

		Form add(String name, String value) {
			this.pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(value, StandardCharsets.UTF_8));
			return this;
		}

		@Override
		public String toString() {
			return this.pairs.toString();
		}

	}

}

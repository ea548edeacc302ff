package dev.discovery.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.protocol.Response;
import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Registers, renews, cancels and fetches instances on an {@link EmbeddedDiscoveryServer}
 * over HTTP, in the server's zone and env, so that a test can fake the applications its
 * application under test calls. Requests go through the protocol's
 * {@link DiscoveryHttpApi}, as an application's would.
 * <p>
 * A faked instance is not renewed: the server evicts it after its lease (90 s by default)
 * unless the test calls {@link #renew(String, String)}.
 */
public final class RegistryClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final EmbeddedDiscoveryServer server;

	private final DiscoveryHttpApi api = DiscoveryHttpApiFactory.create(TIMEOUT, TIMEOUT);

	private final UriBuilderFactory node;

	RegistryClient(EmbeddedDiscoveryServer server) {
		this.server = server;
		this.node = new DefaultUriBuilderFactory(server.url().toString());
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
		checkIdentity(appid, hostname);
		Assert.notEmpty(addrs, "'addrs' must contain at least one address");
		String json = metadata.isEmpty() ? "" : DiscoveryJson.mapper().writeValueAsString(metadata);
		Response<Void> answer = call("register of " + appid + "/" + hostname,
				() -> this.api.register(this.node, this.server.region(), this.server.zone(), this.server.env(), appid,
						hostname, addrs, "", json, InstanceStatus.UP));
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
		checkIdentity(appid, hostname);
		String action = "renew of " + appid + "/" + hostname;
		return isKnown(action, call(action, () -> this.api.renew(this.node, this.server.region(), this.server.zone(),
				this.server.env(), appid, hostname)));
	}

	/**
	 * Cancel (deregister) an instance.
	 * @param appid the application id
	 * @param hostname the instance id within the app
	 * @return {@code false} if the server did not know the instance
	 */
	public boolean cancel(String appid, String hostname) {
		checkIdentity(appid, hostname);
		String action = "cancel of " + appid + "/" + hostname;
		return isKnown(action, call(action, () -> this.api.cancel(this.node, this.server.region(), this.server.zone(),
				this.server.env(), appid, hostname)));
	}

	/**
	 * The instances of an app in the server's env, every zone and status.
	 * @param appid the application id
	 * @return its instances, empty if the app is unknown
	 */
	public List<Instance> instances(String appid) {
		Assert.hasText(appid, "'appid' must not be empty");
		Response<InstanceInfo> answer = call("fetch of " + appid,
				() -> this.api.fetch(this.node, appid, this.server.env(), InstanceStatus.ALL, null));
		InstanceInfo info = answer.data();
		if (answer.code() == ErrorCode.NOTHING_FOUND.code() || info == null) {
			return List.of();
		}
		if (!answer.isOk()) {
			throw new EmbeddedDiscoveryServerException(
					"Fetch of " + appid + " answered code " + answer.code() + " (" + answer.message() + ")");
		}
		List<Instance> instances = new ArrayList<>();
		info.instances().values().forEach(instances::addAll);
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

	private static void checkIdentity(String appid, String hostname) {
		Assert.hasText(appid, "'appid' must not be empty");
		Assert.hasText(hostname, "'hostname' must not be empty");
	}

	private static boolean isKnown(String action, Response<?> answer) {
		if (answer.code() == ErrorCode.NOTHING_FOUND.code()) {
			return false;
		}
		if (!answer.isOk()) {
			throw new EmbeddedDiscoveryServerException(
					action + " answered code " + answer.code() + " (" + answer.message() + ")");
		}
		return true;
	}

	private <T extends Response<?>> T call(String action, Supplier<T> request) {
		try {
			T answer = request.get();
			if (answer == null) {
				throw new EmbeddedDiscoveryServerException(action + " on " + this.server.url() + ": empty answer");
			}
			return answer;
		}
		catch (RestClientException ex) {
			throw new EmbeddedDiscoveryServerException(action + " on " + this.server.url() + " failed", ex);
		}
	}

}

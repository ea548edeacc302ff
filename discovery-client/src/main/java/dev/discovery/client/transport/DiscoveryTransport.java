package dev.discovery.client.transport;

import dev.discovery.protocol.http.DiscoveryHttpApi;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.discovery.protocol.CatalogInfo;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.protocol.PollsResponse;
import dev.discovery.protocol.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The discovery protocol as the client uses it: requests go to the current node, move to
 * the next node on transport errors (never on business codes) and translate failures into
 * {@link DiscoveryServerException}.
 */
public class DiscoveryTransport {

	private final DiscoveryHttpApi api;

	private final DiscoveryNodes nodes;

	private final JsonMapper jsonMapper;

	private final RequestObserver observer;

	private final Map<URI, UriBuilderFactory> uriFactories = new ConcurrentHashMap<>();

	/**
	 * Create a transport that reports its requests to nobody.
	 * @param api the declarative HTTP client
	 * @param nodes the server nodes
	 * @param jsonMapper mapper used to write metadata as JSON text
	 */
	public DiscoveryTransport(DiscoveryHttpApi api, DiscoveryNodes nodes, JsonMapper jsonMapper) {
		this(api, nodes, jsonMapper, RequestObserver.NONE);
	}

	/**
	 * Create a transport.
	 * @param api the declarative HTTP client
	 * @param nodes the server nodes
	 * @param jsonMapper mapper used to write metadata as JSON text
	 * @param observer told about every request, for metrics
	 */
	public DiscoveryTransport(DiscoveryHttpApi api, DiscoveryNodes nodes, JsonMapper jsonMapper,
			RequestObserver observer) {
		this.api = api;
		this.nodes = nodes;
		this.jsonMapper = jsonMapper;
		this.observer = observer;
	}

	/**
	 * The node list this transport uses.
	 * @return the nodes
	 */
	public DiscoveryNodes nodes() {
		return this.nodes;
	}

	/**
	 * Register an instance.
	 * @param form the instance
	 */
	public void register(InstanceForm form) {
		InstanceKey key = form.key();
		String metadata = form.metadata().isEmpty() ? "" : this.jsonMapper.writeValueAsString(form.metadata());
		requireOk("register " + key,
				onAnyNode(DiscoveryOperation.REGISTER, "register " + key,
						(node) -> this.api.register(node, key.region(), key.zone(), key.env(), key.appid(),
								key.hostname(), form.addrs(), form.version(), metadata, form.status())));
	}

	/**
	 * Renew an instance.
	 * @param key the instance
	 * @throws DiscoveryServerException with
	 * {@link DiscoveryServerException#isNothingFound()} when the server does not know the
	 * instance
	 */
	public void renew(InstanceKey key) {
		requireOk("renew " + key, onAnyNode(DiscoveryOperation.RENEW, "renew " + key,
				(node) -> this.api.renew(node, key.region(), key.zone(), key.env(), key.appid(), key.hostname())));
	}

	/**
	 * Deregister an instance.
	 * @param key the instance
	 */
	public void cancel(InstanceKey key) {
		requireOk("cancel " + key, onAnyNode(DiscoveryOperation.CANCEL, "cancel " + key,
				(node) -> this.api.cancel(node, key.region(), key.zone(), key.env(), key.appid(), key.hostname())));
	}

	/**
	 * Change the status of an instance.
	 * @param key the instance
	 * @param status 1 (UP) or 2 (WAITING)
	 */
	public void setStatus(InstanceKey key, int status) {
		requireOk("set " + key, onAnyNode(DiscoveryOperation.SET, "set " + key, (node) -> this.api.set(node,
				key.region(), key.zone(), key.env(), key.appid(), key.hostname(), status)));
	}

	/**
	 * Read the UP instances of some apps now.
	 * @param appids the apps
	 * @param env deploy environment
	 * @return the known apps among them, with the node that answered
	 */
	public NodeAnswer<Map<String, InstanceInfo>> fetch(List<String> appids, String env) {
		String action = "fetch " + appids;
		NodeAnswer<Response<Map<String, InstanceInfo>>> answer = onAnyNode(DiscoveryOperation.FETCH, action,
				(node) -> this.api.fetchs(node, appids, env, InstanceStatus.UP));
		Map<String, InstanceInfo> data = requireOk(action, answer);
		return new NodeAnswer<>(answer.node(), (data != null) ? data : Map.of());
	}

	/**
	 * Read the whole registry of one node.
	 * @return appid to instances of every env and zone
	 */
	public Map<String, @Nullable List<Instance>> fetchAll() {
		Map<String, @Nullable List<Instance>> data = requireOk("fetch all",
				onAnyNode(DiscoveryOperation.FETCH_ALL, "fetch all", this.api::fetchAll));
		return (data != null) ? data : Map.of();
	}

	/**
	 * Long-poll one node once. A transport failure moves to the next node, unless the
	 * calling thread was interrupted to cancel the poll.
	 * @param node the node to ask
	 * @param appids the apps
	 * @param latestTimestamps the last timestamp seen from this node per app
	 * @param env deploy environment
	 * @param hostname identity of the poller
	 * @return the answer, whatever its code
	 */
	public PollsResponse polls(URI node, List<String> appids, List<Long> latestTimestamps, String env,
			String hostname) {
		RequestObserver.Attempt attempt = this.observer.start(DiscoveryOperation.POLLS);
		try {
			PollsResponse response = this.api.polls(uriFactory(node), appids, latestTimestamps, env, hostname);
			if (response != null) {
				attempt.answered(response.code());
			}
			else {
				attempt.failed();
			}
			return response;
		}
		catch (RestClientException ex) {
			if (Thread.currentThread().isInterrupted()) {
				attempt.cancelled();
			}
			else {
				attempt.failed();
				this.nodes.failed(node);
			}
			throw new DiscoveryServerException("polls failed on " + node, node, ex);
		}
	}

	/**
	 * Watch the app list of an env on the current node once (docs/protocol.md, "Catalog
	 * watch"): held by the server until the list differs from {@code version}. A
	 * transport failure moves to the next node, unless the calling thread was interrupted
	 * to cancel the watch.
	 * @param env deploy environment
	 * @param version the version last answered, {@code 0} for none
	 * @return the answer, whatever its code, or empty when the node does not have the
	 * extension (HTTP 404, as the Go reference answers)
	 * @throws DiscoveryServerException when the node could not be reached
	 */
	public Optional<Response<CatalogInfo>> catalog(String env, long version) {
		URI node = this.nodes.current();
		RequestObserver.Attempt attempt = this.observer.start(DiscoveryOperation.CATALOG);
		try {
			Response<CatalogInfo> response = this.api.catalog(uriFactory(node), env, version);
			if (response == null) {
				attempt.failed();
				throw new DiscoveryServerException("catalog watch on " + node + ": empty answer", node, null);
			}
			attempt.answered(response.code());
			return Optional.of(response);
		}
		catch (HttpClientErrorException.NotFound ex) {
			attempt.answered(ErrorCode.NOTHING_FOUND.code());
			return Optional.empty();
		}
		catch (RestClientException ex) {
			if (Thread.currentThread().isInterrupted()) {
				attempt.cancelled();
			}
			else {
				attempt.failed();
				this.nodes.failed(node);
			}
			throw new DiscoveryServerException("catalog watch failed on " + node, node, ex);
		}
	}

	private <T extends @Nullable Response<?>> NodeAnswer<T> onAnyNode(DiscoveryOperation operation, String action,
			Function<UriBuilderFactory, T> request) {
		int attempts = this.nodes.size();
		RuntimeException lastFailure = null;
		URI lastNode = null;
		for (int attempt = 0; attempt < attempts; attempt++) {
			URI node = this.nodes.current();
			RequestObserver.Attempt observed = this.observer.start(operation);
			try {
				T response = request.apply(uriFactory(node));
				if (response != null) {
					observed.answered(response.code());
				}
				else {
					observed.failed();
				}
				return new NodeAnswer<>(node, response);
			}
			catch (RestClientException ex) {
				observed.failed();
				this.nodes.failed(node);
				lastFailure = ex;
				lastNode = node;
			}
		}
		throw new DiscoveryServerException(action + " failed on every node, last " + lastNode, lastNode, lastFailure);
	}

	private UriBuilderFactory uriFactory(URI node) {
		return this.uriFactories.computeIfAbsent(node, (base) -> new DefaultUriBuilderFactory(base.toString()));
	}

	private static <T> @Nullable T requireOk(String action, NodeAnswer<? extends @Nullable Response<T>> answer) {
		Response<T> response = answer.value();
		if (response == null) {
			throw new DiscoveryServerException(action + ": empty answer", answer.node(), null);
		}
		if (response.code() != ErrorCode.OK.code()) {
			throw new DiscoveryServerException(action, answer.node(), response.code());
		}
		return response.data();
	}

}

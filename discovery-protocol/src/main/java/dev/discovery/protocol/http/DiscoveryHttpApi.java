package dev.discovery.protocol.http;

import java.util.List;
import java.util.Map;

import dev.discovery.protocol.CatalogInfo;
import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.Node;
import dev.discovery.protocol.PollsResponse;
import dev.discovery.protocol.Response;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Declarative client of the discovery HTTP API (docs/wire-protocol.md §3), the one
 * protocol client of clients, peers and tests. Every method takes a
 * {@link UriBuilderFactory} on the base URI of the server node to talk to; POSTs are
 * form-encoded with one parameter per list element; a {@code null} optional parameter is
 * not sent. Build it with {@link DiscoveryHttpApiFactory}.
 */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface DiscoveryHttpApi {

	/**
	 * Register or re-register an instance (§3.1).
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param addrs addresses, one parameter each
	 * @param version version text
	 * @param metadata metadata as JSON object text, empty when none
	 * @param status 1 (UP) or 2 (WAITING)
	 * @return the envelope
	 */
	@PostExchange(url = DiscoveryApi.REGISTER, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> register(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam List<String> addrs, @RequestParam String version, @RequestParam String metadata,
			@RequestParam int status);

	/**
	 * Heartbeat of an instance (§3.2).
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @return the envelope, code -404 when the server does not know the instance
	 */
	@PostExchange(url = DiscoveryApi.RENEW, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Instance> renew(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname);

	/**
	 * Deregister an instance (§3.3).
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @return the envelope
	 */
	@PostExchange(url = DiscoveryApi.CANCEL, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> cancel(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname);

	/**
	 * Change the status of one instance (§3.4).
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param status 1 (UP) or 2 (WAITING)
	 * @return the envelope
	 */
	@PostExchange(url = DiscoveryApi.SET, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> set(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam int status);

	/**
	 * A register as one server node sends it to another (§5.3): the sender's timestamps,
	 * and the {@code replication}/{@code from_zone} flags.
	 * @param node builds URIs on the base URI of the receiving node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param addrs addresses, one parameter each
	 * @param status 1 (UP) or 2 (WAITING)
	 * @param version version text
	 * @param metadata metadata as JSON object text, {@code null} when the instance has
	 * none
	 * @param regTimestamp the sender's {@code reg_timestamp}
	 * @param dirtyTimestamp the sender's {@code dirty_timestamp}
	 * @param latestTimestamp the sender's {@code latest_timestamp}
	 * @param replication {@code true} from a node of the receiver's zone
	 * @param fromZone {@code true}: sent by a server node
	 * @return the envelope
	 */
	@PostExchange(url = DiscoveryApi.REGISTER, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> replicateRegister(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam List<String> addrs, @RequestParam int status, @RequestParam String version,
			@RequestParam(required = false) @Nullable String metadata, @RequestParam("reg_timestamp") long regTimestamp,
			@RequestParam("dirty_timestamp") long dirtyTimestamp,
			@RequestParam("latest_timestamp") long latestTimestamp, @RequestParam boolean replication,
			@RequestParam("from_zone") boolean fromZone);

	/**
	 * A renew as one server node sends it to another (§5.3).
	 * @param node builds URIs on the base URI of the receiving node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param dirtyTimestamp the sender's {@code dirty_timestamp}
	 * @param replication {@code true} from a node of the receiver's zone
	 * @param fromZone {@code true}: sent by a server node
	 * @return the envelope: -404 asks for a register, -409 carries the receiver's newer
	 * copy
	 */
	@PostExchange(url = DiscoveryApi.RENEW, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Instance> replicateRenew(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam("dirty_timestamp") long dirtyTimestamp, @RequestParam boolean replication,
			@RequestParam("from_zone") boolean fromZone);

	/**
	 * A cancel as one server node sends it to another (§5.3).
	 * @param node builds URIs on the base URI of the receiving node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param latestTimestamp the cancel's {@code latest_timestamp}
	 * @param dirtyTimestamp the cancel's version (our nodes order cancels and registers
	 * by it; reference nodes ignore it)
	 * @param replication {@code true} from a node of the receiver's zone
	 * @param fromZone {@code true}: sent by a server node
	 * @return the envelope; -409 carries the receiver's newer copy
	 */
	@PostExchange(url = DiscoveryApi.CANCEL, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Instance> replicateCancel(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam("latest_timestamp") long latestTimestamp,
			@RequestParam("dirty_timestamp") long dirtyTimestamp, @RequestParam boolean replication,
			@RequestParam("from_zone") boolean fromZone);

	/**
	 * A set of several instances, as a client or another server node sends it (§3.4,
	 * §5.3).
	 * @param node builds URIs on the base URI of the receiving node
	 * @param region region of the instances
	 * @param zone zone of the instances
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostnames instance ids, one parameter each
	 * @param statuses one status per hostname, or empty
	 * @param metadata one JSON object text per hostname, or empty
	 * @param setTimestamp the sender's {@code set_timestamp}
	 * @param replication {@code true} from a node of the receiver's zone
	 * @param fromZone {@code true}: sent by a server node
	 * @return the envelope
	 */
	@PostExchange(url = DiscoveryApi.SET, contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> replicateSet(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam("hostname") List<String> hostnames,
			@RequestParam(name = "status", required = false) List<String> statuses,
			@RequestParam(required = false) List<String> metadata, @RequestParam("set_timestamp") long setTimestamp,
			@RequestParam boolean replication, @RequestParam("from_zone") boolean fromZone);

	/**
	 * Immediate read of one app (§3.5).
	 * @param node builds URIs on the base URI of the server node
	 * @param appid application id
	 * @param env deploy environment
	 * @param status status mask: 1 UP, 2 WAITING, 3 both
	 * @param zone zone filter, {@code null} for every zone
	 * @return the envelope; -404 when the app is unknown
	 */
	@GetExchange(DiscoveryApi.FETCH)
	Response<InstanceInfo> fetch(UriBuilderFactory node, @RequestParam String appid, @RequestParam String env,
			@RequestParam int status, @RequestParam(required = false) @Nullable String zone);

	/**
	 * Immediate read of several apps (§3.6).
	 * @param node builds URIs on the base URI of the server node
	 * @param appids application ids, one parameter each
	 * @param env deploy environment
	 * @param status status mask, 1 for UP only
	 * @return the envelope with appid to instances; unknown apps are absent
	 */
	@GetExchange(DiscoveryApi.FETCHS)
	Response<Map<String, InstanceInfo>> fetchs(UriBuilderFactory node, @RequestParam("appid") List<String> appids,
			@RequestParam String env, @RequestParam int status);

	/**
	 * Long poll of one app (§3.7).
	 * @param node builds URIs on the base URI of the server node
	 * @param appid application id
	 * @param latestTimestamp the last timestamp seen from this node
	 * @param env deploy environment
	 * @param hostname identity of the poller
	 * @return the envelope with the app's instances, or code -304
	 */
	@GetExchange(DiscoveryApi.POLL)
	Response<InstanceInfo> poll(UriBuilderFactory node, @RequestParam String appid,
			@RequestParam("latest_timestamp") long latestTimestamp, @RequestParam String env,
			@RequestParam String hostname);

	/**
	 * Long poll of several apps (§3.8).
	 * @param node builds URIs on the base URI of the server node
	 * @param appids application ids, one parameter each
	 * @param latestTimestamps the last timestamp seen from this node per app, same order
	 * @param env deploy environment
	 * @param hostname identity of the poller
	 * @return the map envelope with changed apps, or code -304
	 */
	@GetExchange(DiscoveryApi.POLLS)
	PollsResponse polls(UriBuilderFactory node, @RequestParam("appid") List<String> appids,
			@RequestParam("latest_timestamp") List<Long> latestTimestamps, @RequestParam String env,
			@RequestParam String hostname);

	/**
	 * The server nodes of the node's zone (§3.9).
	 * @param node builds URIs on the base URI of the server node
	 * @return the envelope with the nodes
	 */
	@GetExchange(DiscoveryApi.NODES)
	Response<List<Node>> nodes(UriBuilderFactory node);

	/**
	 * The whole registry of the node (§3.10).
	 * @param node builds URIs on the base URI of the server node
	 * @return the envelope with appid to instances of every env and zone
	 */
	@GetExchange(DiscoveryApi.FETCH_ALL)
	Response<Map<String, @Nullable List<Instance>>> fetchAll(UriBuilderFactory node);

	/**
	 * The app list of an env, held until it differs from the client's version: an
	 * extension of this project's server (docs/protocol.md, "Catalog watch"). Servers
	 * without it answer HTTP 404.
	 * @param node builds URIs on the base URI of the server node
	 * @param env deploy environment
	 * @param version the version the client has, {@code 0} when it has none
	 * @return the envelope with the catalog, or code -304 when the hold ended without
	 * change
	 */
	@GetExchange(DiscoveryApi.CATALOG)
	Response<CatalogInfo> catalog(UriBuilderFactory node, @RequestParam String env, @RequestParam long version);

}

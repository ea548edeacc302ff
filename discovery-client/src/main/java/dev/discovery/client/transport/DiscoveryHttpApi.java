package dev.discovery.client.transport;

import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
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
 * Declarative client of the discovery HTTP API (docs/wire-protocol.md §3). Every method
 * takes a {@link UriBuilderFactory} on the base URI of the server node to talk to; POSTs
 * are form-encoded with one parameter per list element.
 */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
public interface DiscoveryHttpApi {

	/**
	 * Register or re-register an instance.
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
	@PostExchange(url = "/discovery/register", contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> register(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam List<String> addrs, @RequestParam String version, @RequestParam String metadata,
			@RequestParam int status);

	/**
	 * Heartbeat of an instance.
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @return the envelope, code -404 when the server does not know the instance
	 */
	@PostExchange(url = "/discovery/renew", contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Instance> renew(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname);

	/**
	 * Deregister an instance.
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @return the envelope
	 */
	@PostExchange(url = "/discovery/cancel", contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> cancel(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname);

	/**
	 * Change the status of one instance.
	 * @param node builds URIs on the base URI of the server node
	 * @param region region of the instance
	 * @param zone zone of the instance
	 * @param env deploy environment
	 * @param appid application id
	 * @param hostname instance id
	 * @param status 1 (UP) or 2 (WAITING)
	 * @return the envelope
	 */
	@PostExchange(url = "/discovery/set", contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Response<Void> set(UriBuilderFactory node, @RequestParam String region, @RequestParam String zone,
			@RequestParam String env, @RequestParam String appid, @RequestParam String hostname,
			@RequestParam int status);

	/**
	 * Immediate read of several apps.
	 * @param node builds URIs on the base URI of the server node
	 * @param appids application ids, one parameter each
	 * @param env deploy environment
	 * @param status status mask, 1 for UP only
	 * @return the envelope with appid to instances; unknown apps are absent
	 */
	@GetExchange("/discovery/fetchs")
	Response<Map<String, InstanceInfo>> fetchs(UriBuilderFactory node, @RequestParam("appid") List<String> appids,
			@RequestParam String env, @RequestParam int status);

	/**
	 * Long poll of several apps.
	 * @param node builds URIs on the base URI of the server node
	 * @param appids application ids, one parameter each
	 * @param latestTimestamps the last timestamp seen from this node per app, same order
	 * @param env deploy environment
	 * @param hostname identity of the poller
	 * @return the map envelope with changed apps, or code -304
	 */
	@GetExchange("/discovery/polls")
	PollsResponse polls(UriBuilderFactory node, @RequestParam("appid") List<String> appids,
			@RequestParam("latest_timestamp") List<Long> latestTimestamps, @RequestParam String env,
			@RequestParam String hostname);

	/**
	 * The whole registry of the node.
	 * @param node builds URIs on the base URI of the server node
	 * @return the envelope with appid to instances of every env and zone
	 */
	@GetExchange("/discovery/fetch/all")
	Response<Map<String, @Nullable List<Instance>>> fetchAll(UriBuilderFactory node);

}

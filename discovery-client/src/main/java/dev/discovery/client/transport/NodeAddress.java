package dev.discovery.client.transport;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Conversions between the {@code host:port} node notation of the protocol and base URIs.
 */
public final class NodeAddress {

	private NodeAddress() {
	}

	/**
	 * The base URI of a node given as {@code host:port}, {@code [ipv6]:port} or a full
	 * {@code http(s)://} URL.
	 * @param node the node text
	 * @return the base URI
	 */
	public static URI toUri(String node) {
		String trimmed = node.trim();
		URI uri;
		try {
			uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDiscoveryNodeException(node, "is not host:port (" + ex.getMessage() + ")");
		}
		String scheme = uri.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw new InvalidDiscoveryNodeException(node, "must be host:port or an http(s):// URL");
		}
		if (uri.getHost() == null || uri.getPort() < 0) {
			throw new InvalidDiscoveryNodeException(node, "must be host:port, with the port");
		}
		String path = uri.getRawPath();
		if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
			// a Eureka-style URL: the discovery API lives at the root, so a path would be
			// silently dropped
			throw new InvalidDiscoveryNodeException(node, "must not have a path or query: the discovery API "
					+ "is served at the root, use " + uri.getScheme() + "://" + uri.getRawAuthority());
		}
		return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
	}

	/**
	 * The {@code host:port} of an {@code http://} address published by a server, or
	 * {@code null} for other schemes and malformed addresses.
	 * @param addr an address such as {@code http://10.0.0.1:7171}
	 * @return the authority or {@code null}
	 */
	public static @Nullable String httpAuthority(String addr) {
		try {
			URI uri = URI.create(addr.trim());
			if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
				return null;
			}
			return uri.getRawAuthority();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A host usable in a URI: IPv6 literals are bracketed.
	 * @param host a host name or IP literal
	 * @return the host, bracketed when it is an IPv6 literal
	 */
	public static String uriHost(String host) {
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			return "[" + host + "]";
		}
		return host;
	}

}

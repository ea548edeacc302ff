package dev.discovery.client.discovery;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.discovery.client.transport.InstanceMetadata;
import dev.discovery.client.transport.NodeAddress;
import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;

/**
 * A discovered UP instance: the first {@code http(s)://} address (or the first address of
 * any scheme) gives host and port; every published address stays available through
 * {@link #getAddrs()}; metadata carries {@code zone}, {@code version}, {@code addrs} and,
 * when the instance has a {@code color}, the LoadBalancer {@code hint}.
 */
public final class DiscoveredInstance {

	private final String serviceId;

	private final String instanceId;

	private final String zone;

	private final List<String> addrs;

	private final String scheme;

	private final String host;

	private final int port;

	private final Map<String, String> metadata;

	private DiscoveredInstance(Instance instance, URI address, Map<String, String> metadata) {
		this.serviceId = instance.appid();
		this.instanceId = instance.hostname();
		this.zone = instance.zone();
		this.addrs = List.copyOf(instance.addrs());
		this.scheme = address.getScheme().toLowerCase(Locale.ROOT);
		String host = address.getHost();
		this.host = (host.startsWith("[")) ? host.substring(1, host.length() - 1) : host;
		this.port = address.getPort();
		this.metadata = metadata;
	}

	/**
	 * Convert a wire instance; instances without a usable address are skipped.
	 * @param instance the wire instance
	 * @return the instance, empty when it has no {@code scheme://host:port} address
	 */
	public static Optional<DiscoveredInstance> from(Instance instance) {
		URI address = pickAddress(instance.addrs());
		if (address == null) {
			return Optional.empty();
		}
		Map<String, String> metadata = InstanceMetadata.of(instance.metadata(), instance.zone(), instance.version(),
				instance.addrs());
		return Optional.of(new DiscoveredInstance(instance, address, metadata));
	}

	private static @Nullable URI pickAddress(List<String> addrs) {
		URI fallback = null;
		for (String addr : addrs) {
			URI uri = parse(addr);
			if (uri == null) {
				continue;
			}
			if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
				return uri;
			}
			if (fallback == null) {
				fallback = uri;
			}
		}
		return fallback;
	}

	/**
	 * The {@code host:port} address of a scheme, such as {@code grpc}.
	 * @param addrScheme the scheme, case-insensitive
	 * @return the first address of that scheme, empty when the instance publishes none
	 */
	public Optional<URI> address(String addrScheme) {
		for (String addr : this.addrs) {
			URI uri = parse(addr);
			if (uri != null && addrScheme.equalsIgnoreCase(uri.getScheme())) {
				return Optional.of(uri);
			}
		}
		return Optional.empty();
	}

	private static @Nullable URI parse(String addr) {
		try {
			URI uri = URI.create(addr.trim());
			if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
				return null;
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			// an address we cannot parse is not usable
			return null;
		}
	}

	/**
	 * The instance id ({@code hostname} on the wire).
	 * @return the id
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * The app ({@code appid} on the wire).
	 * @return the appid
	 */
	public String getServiceId() {
		return this.serviceId;
	}

	/**
	 * The zone the instance runs in.
	 * @return the zone
	 */
	public String getZone() {
		return this.zone;
	}

	/**
	 * Every published address, such as {@code http://10.0.0.1:8000} and
	 * {@code grpc://10.0.0.1:9000}.
	 * @return the addresses as published
	 */
	public List<String> getAddrs() {
		return this.addrs;
	}

	/**
	 * Host of the main address, IPv6 literals without brackets.
	 * @return the host
	 */
	public String getHost() {
		return this.host;
	}

	/**
	 * Port of the main address.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Whether the main address is {@code https://}.
	 * @return {@code true} for https
	 */
	public boolean isSecure() {
		return "https".equals(this.scheme);
	}

	/**
	 * The main address.
	 * @return {@code scheme://host:port}
	 */
	public URI getUri() {
		return URI.create(this.scheme + "://" + NodeAddress.uriHost(this.host) + ":" + this.port);
	}

	/**
	 * The metadata, see {@link InstanceMetadata#of}.
	 * @return an immutable map
	 */
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	/**
	 * Scheme of the main address, lower case.
	 * @return the scheme
	 */
	public String getScheme() {
		return this.scheme;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof DiscoveredInstance that)) {
			return false;
		}
		return this.port == that.port && this.serviceId.equals(that.serviceId)
				&& this.instanceId.equals(that.instanceId) && this.scheme.equals(that.scheme)
				&& this.host.equals(that.host) && this.zone.equals(that.zone) && this.addrs.equals(that.addrs)
				&& this.metadata.equals(that.metadata);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.serviceId, this.instanceId, this.scheme, this.host, this.port, this.metadata);
	}

	@Override
	public String toString() {
		return this.serviceId + "/" + this.instanceId + "@" + getUri();
	}

}

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

import org.springframework.cloud.client.ServiceInstance;

/**
 * A discovered instance as Spring Cloud sees it: the first {@code http(s)://} address (or
 * the first address of any scheme) gives host and port; metadata carries {@code zone},
 * {@code version}, {@code addrs} and, when the instance has a {@code color}, the
 * LoadBalancer {@code hint}.
 */
public final class DiscoveryServiceInstance implements ServiceInstance {

	/** Metadata key of the zone, as read by Spring Cloud's zone preference. */
	public static final String ZONE = InstanceMetadata.ZONE;

	/** Metadata key of the weight, as read by Spring Cloud's weighted supplier. */
	public static final String WEIGHT = InstanceMetadata.WEIGHT;

	/** Metadata key of the bilibili color (gray or cluster tag). */
	public static final String COLOR = InstanceMetadata.COLOR;

	/** Metadata key read by Spring Cloud's hint-based supplier. */
	public static final String HINT = InstanceMetadata.HINT;

	private final String serviceId;

	private final String instanceId;

	private final String scheme;

	private final String host;

	private final int port;

	private final Map<String, String> metadata;

	private DiscoveryServiceInstance(String serviceId, String instanceId, URI address, Map<String, String> metadata) {
		this.serviceId = serviceId;
		this.instanceId = instanceId;
		this.scheme = address.getScheme().toLowerCase(Locale.ROOT);
		String host = address.getHost();
		this.host = (host.startsWith("[")) ? host.substring(1, host.length() - 1) : host;
		this.port = address.getPort();
		this.metadata = metadata;
	}

	/**
	 * Convert a wire instance; instances without a usable address are skipped.
	 * @param instance the wire instance
	 * @return the service instance, empty when it has no {@code scheme://host:port}
	 * address
	 */
	public static Optional<DiscoveryServiceInstance> from(Instance instance) {
		URI address = pickAddress(instance.addrs());
		if (address == null) {
			return Optional.empty();
		}
		Map<String, String> metadata = InstanceMetadata.of(instance.metadata(), instance.zone(), instance.version(),
				instance.addrs());
		return Optional.of(new DiscoveryServiceInstance(instance.appid(), instance.hostname(), address, metadata));
	}

	private static URI pickAddress(List<String> addrs) {
		URI fallback = null;
		for (String addr : addrs) {
			try {
				URI uri = URI.create(addr.trim());
				if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
					continue;
				}
				if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
					return uri;
				}
				if (fallback == null) {
					fallback = uri;
				}
			}
			catch (IllegalArgumentException ex) {
				// an address we cannot parse is not usable; try the next one
			}
		}
		return fallback;
	}

	@Override
	public String getInstanceId() {
		return this.instanceId;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public String getHost() {
		return this.host;
	}

	@Override
	public int getPort() {
		return this.port;
	}

	@Override
	public boolean isSecure() {
		return "https".equals(this.scheme);
	}

	@Override
	public URI getUri() {
		return URI.create(this.scheme + "://" + NodeAddress.uriHost(this.host) + ":" + this.port);
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	@Override
	public String getScheme() {
		return this.scheme;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof DiscoveryServiceInstance that)) {
			return false;
		}
		return this.port == that.port && this.serviceId.equals(that.serviceId)
				&& this.instanceId.equals(that.instanceId) && this.scheme.equals(that.scheme)
				&& this.host.equals(that.host) && this.metadata.equals(that.metadata);
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

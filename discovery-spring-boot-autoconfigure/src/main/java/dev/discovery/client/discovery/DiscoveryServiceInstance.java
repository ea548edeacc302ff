package dev.discovery.client.discovery;

import java.net.URI;
import java.util.Map;

import dev.discovery.client.transport.InstanceMetadata;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A discovered instance as Spring Cloud sees it: a view of a {@link DiscoveredInstance}
 * of the client core.
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

	private final DiscoveredInstance instance;

	/**
	 * Create the view.
	 * @param instance the discovered instance
	 */
	public DiscoveryServiceInstance(DiscoveredInstance instance) {
		this.instance = instance;
	}

	/**
	 * The instance of the client core behind this view.
	 * @return the instance
	 */
	public DiscoveredInstance discovered() {
		return this.instance;
	}

	@Override
	public String getInstanceId() {
		return this.instance.getInstanceId();
	}

	@Override
	public String getServiceId() {
		return this.instance.getServiceId();
	}

	@Override
	public String getHost() {
		return this.instance.getHost();
	}

	@Override
	public int getPort() {
		return this.instance.getPort();
	}

	@Override
	public boolean isSecure() {
		return this.instance.isSecure();
	}

	@Override
	public URI getUri() {
		return this.instance.getUri();
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.instance.getMetadata();
	}

	@Override
	public String getScheme() {
		return this.instance.getScheme();
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof DiscoveryServiceInstance that && this.instance.equals(that.instance));
	}

	@Override
	public int hashCode() {
		return this.instance.hashCode();
	}

	@Override
	public String toString() {
		return this.instance.toString();
	}

}

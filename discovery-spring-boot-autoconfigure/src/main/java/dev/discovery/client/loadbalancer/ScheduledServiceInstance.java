package dev.discovery.client.loadbalancer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.discovery.client.discovery.DiscoveryServiceInstance;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * An instance whose {@code weight} metadata carries its effective weight under the zone
 * scheduler, so that any weight function reading the metadata honours the schedule.
 */
public final class ScheduledServiceInstance implements ServiceInstance {

	private final ServiceInstance instance;

	private final Map<String, String> metadata;

	/**
	 * Wrap an instance.
	 * @param instance the instance as discovered
	 * @param weight its effective weight
	 */
	public ScheduledServiceInstance(ServiceInstance instance, int weight) {
		this.instance = instance;
		Map<String, String> copy = new HashMap<>();
		if (instance.getMetadata() != null) {
			copy.putAll(instance.getMetadata());
		}
		copy.put(DiscoveryServiceInstance.WEIGHT, Integer.toString(weight));
		this.metadata = Map.copyOf(copy);
	}

	/**
	 * The instance as discovered, with its own weight.
	 * @return the wrapped instance
	 */
	public ServiceInstance getInstance() {
		return this.instance;
	}

	@Override
	public @Nullable String getInstanceId() {
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
	public @Nullable String getScheme() {
		return this.instance.getScheme();
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ScheduledServiceInstance scheduled && this.instance.equals(scheduled.instance)
				&& this.metadata.equals(scheduled.metadata);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.instance, this.metadata);
	}

	@Override
	public String toString() {
		return this.instance + " (scheduled weight " + this.metadata.get(DiscoveryServiceInstance.WEIGHT) + ")";
	}

}

package dev.discovery.client.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} answering from the local cache; it never throws.
 */
public class CachedDiscoveryClient implements DiscoveryClient {

	/** What {@link #description()} answers. */
	public static final String DESCRIPTION = "bilibili discovery client";

	private final ServiceInstances instances;

	private final ServiceCatalog catalog;

	private final int order;

	/**
	 * Create the client.
	 * @param instances the lookups
	 * @param catalog the list of apps
	 * @param order position among several discovery clients
	 */
	public CachedDiscoveryClient(ServiceInstances instances, ServiceCatalog catalog, int order) {
		this.instances = instances;
		this.catalog = catalog;
		this.order = order;
	}

	@Override
	public String description() {
		return DESCRIPTION;
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.instances.instances(serviceId);
	}

	@Override
	public List<String> getServices() {
		return this.catalog.services();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}

package dev.discovery.client.discovery;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * {@link ReactiveDiscoveryClient} answering from the local cache; a first lookup that
 * needs a fetch runs off the event loop.
 */
public class CachedReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final ServiceInstances instances;

	private final ServiceCatalog catalog;

	private final int order;

	/**
	 * Create the client.
	 * @param instances the lookups
	 * @param catalog the list of apps
	 * @param order position among several discovery clients
	 */
	public CachedReactiveDiscoveryClient(ServiceInstances instances, ServiceCatalog catalog, int order) {
		this.instances = instances;
		this.catalog = catalog;
		this.order = order;
	}

	@Override
	public String description() {
		return CachedDiscoveryClient.DESCRIPTION;
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		if (this.instances.core().isCached(serviceId)) {
			return Flux.fromIterable(this.instances.instances(serviceId));
		}
		return Flux.defer(() -> Flux.fromIterable(this.instances.instances(serviceId)))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Flux<String> getServices() {
		return Flux.defer(() -> Flux.fromIterable(this.catalog.services())).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}

package dev.discovery.client.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The core's lookups as Spring Cloud {@link ServiceInstance}s. A list is converted once
 * per change of the app and reused until the next one.
 */
public class ServiceInstances {

	private final DiscoveryInstances instances;

	private final Map<String, Converted> converted = new ConcurrentHashMap<>();

	/**
	 * Create the view.
	 * @param instances the core's lookups
	 */
	public ServiceInstances(DiscoveryInstances instances) {
		this.instances = instances;
	}

	/**
	 * The UP instances of an app; never throws.
	 * @param appid the app
	 * @return its instances, empty when unknown or never reachable
	 */
	public List<ServiceInstance> instances(String appid) {
		return convert(appid, this.instances.instances(appid));
	}

	/**
	 * Convert a list of instances of an app.
	 * @param appid the app
	 * @param discovered its instances, as the cache holds them
	 * @return the same instances as Spring Cloud sees them
	 */
	public List<ServiceInstance> convert(String appid, List<DiscoveredInstance> discovered) {
		Converted last = this.converted.get(appid);
		// the cache swaps whole lists, so the same list object means the same instances
		if (last != null && last.source() == discovered) {
			return last.instances();
		}
		List<ServiceInstance> instances = discovered.stream()
			.<ServiceInstance>map(DiscoveryServiceInstance::new)
			.toList();
		this.converted.put(appid, new Converted(discovered, instances));
		return instances;
	}

	/**
	 * The core's lookups.
	 * @return the lookups
	 */
	public DiscoveryInstances core() {
		return this.instances;
	}

	private record Converted(List<DiscoveredInstance> source, List<ServiceInstance> instances) {

	}

}

package dev.discovery.client.discovery;

import java.util.List;

/**
 * Told whenever the cached instance list of an app really changed.
 */
@FunctionalInterface
public interface InstanceCacheListener {

	/**
	 * Called after the cache was updated.
	 * @param appid the app whose instances changed
	 * @param instances its new UP instances
	 */
	void instancesChanged(String appid, List<DiscoveredInstance> instances);

}

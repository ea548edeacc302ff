package dev.discovery.client.discovery;

import java.util.List;

/**
 * Told the UP instances of one watched app: once with the current list when the watch
 * starts, then after every real change. Called on the poll thread; keep it short.
 */
@FunctionalInterface
public interface InstancesWatcher {

	/**
	 * The instances of the app changed.
	 * @param instances its UP instances now, sorted by instance id
	 */
	void changed(List<DiscoveredInstance> instances);

}

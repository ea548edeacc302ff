package dev.discovery.server.registry;

/**
 * Told after every change of an app's snapshot (register, cancel, set, eviction).
 */
@FunctionalInterface
public interface RegistryListener {

	/**
	 * Called after the new snapshot of the app is visible to readers.
	 * @param key the app that changed
	 */
	void appChanged(AppKey key);

}

package dev.discovery.client.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.NodeAnswer;
import dev.discovery.protocol.InstanceInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Lookups and watches by app, in the spirit of kratos' {@code Fetch} and {@code Watch}:
 * answered from the cache; the first lookup of an app fetches it once synchronously (so
 * it is not empty) and adds it to the long poll, which keeps it up to date from then on.
 */
public class DiscoveryInstances {

	private static final Log logger = LogFactory.getLog(DiscoveryInstances.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final InstancePoller poller;

	private final PollHealth health;

	private final String env;

	private final ReentrantLock subscribeLock = new ReentrantLock();

	/**
	 * Create the lookup.
	 * @param transport the transport for the first fetch
	 * @param cache the cache
	 * @param poller the poll loop to add apps to
	 * @param env deploy environment
	 */
	public DiscoveryInstances(DiscoveryTransport transport, InstanceCache cache, InstancePoller poller, String env) {
		this.transport = transport;
		this.cache = cache;
		this.poller = poller;
		this.health = poller.health();
		this.env = env;
	}

	/**
	 * The UP instances of an app; never throws.
	 * @param appid the app
	 * @return its instances, empty when unknown or never reachable
	 */
	public List<DiscoveredInstance> instances(String appid) {
		Optional<CachedApp> cached = this.cache.get(appid);
		if (cached.isPresent()) {
			return cached.get().instances();
		}
		return subscribe(appid);
	}

	/**
	 * Whether an app is in the cache already, so that {@link #instances(String)} answers
	 * without a request.
	 * @param appid the app
	 * @return {@code true} after its first lookup
	 */
	public boolean isCached(String appid) {
		return this.cache.get(appid).isPresent();
	}

	/**
	 * The zone scheduler of a cached app.
	 * @param appid the app
	 * @return its schedule, {@link ZoneSchedule#NONE} when none or not cached
	 */
	public ZoneSchedule schedule(String appid) {
		return this.cache.get(appid).map(CachedApp::schedule).orElse(ZoneSchedule.NONE);
	}

	/**
	 * Watch an app: the watcher is told its current instances at once (after a first
	 * fetch if needed) and every change after that, until the watch is closed.
	 * @param appid the app
	 * @param watcher told the instances
	 * @return closes the watch
	 */
	public Watch watch(String appid, InstancesWatcher watcher) {
		InstanceCacheListener listener = (changed, instances) -> {
			if (changed.equals(appid)) {
				watcher.changed(instances);
			}
		};
		// listen first, so no change between the lookup and the listener is lost
		this.cache.addListener(listener);
		watcher.changed(instances(appid));
		return () -> this.cache.removeListener(listener);
	}

	/**
	 * Be told of every real change of any cached app.
	 * @param listener the listener
	 */
	public void addListener(InstanceCacheListener listener) {
		this.cache.addListener(listener);
	}

	/**
	 * Stop telling a listener.
	 * @param listener the listener
	 */
	public void removeListener(InstanceCacheListener listener) {
		this.cache.removeListener(listener);
	}

	private List<DiscoveredInstance> subscribe(String appid) {
		this.subscribeLock.lock();
		try {
			Optional<CachedApp> cached = this.cache.get(appid);
			if (cached.isPresent()) {
				return cached.get().instances();
			}
			fetch(appid);
			this.poller.watch(List.of(appid));
			return this.cache.get(appid).map(CachedApp::instances).orElse(List.of());
		}
		finally {
			this.subscribeLock.unlock();
		}
	}

	private void fetch(String appid) {
		try {
			NodeAnswer<Map<String, InstanceInfo>> answer = this.transport.fetch(List.of(appid), this.env);
			this.health.contacted();
			InstanceInfo info = answer.value().get(appid);
			if (info != null) {
				this.cache.apply(appid, info, answer.node());
			}
			else {
				this.cache.applyUnknown(appid);
			}
		}
		catch (DiscoveryServerException | IllegalStateException ex) {
			logger.warn("First lookup of '" + appid + "' failed, the long poll will fill it in: " + ex.getMessage());
			this.cache.applyUnknown(appid);
		}
	}

	/**
	 * An active watch.
	 */
	@FunctionalInterface
	public interface Watch extends AutoCloseable {

		/**
		 * Stop watching; the watcher is not told anything afterwards.
		 */
		@Override
		void close();

	}

}

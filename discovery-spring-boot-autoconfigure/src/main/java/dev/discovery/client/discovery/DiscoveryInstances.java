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

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Lookups by app: answered from the cache; the first lookup of an app fetches it once
 * synchronously (so it is not empty) and adds it to the long poll.
 */
public class DiscoveryInstances {

	private static final Log logger = LogFactory.getLog(DiscoveryInstances.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final InstancePoller poller;

	private final ApplicationEventPublisher events;

	private final String env;

	private final ReentrantLock subscribeLock = new ReentrantLock();

	/**
	 * Create the lookup.
	 * @param transport the transport for the first fetch
	 * @param cache the cache
	 * @param poller the poll loop to add apps to
	 * @param events publisher of {@link HeartbeatEvent}s
	 * @param env deploy environment
	 */
	public DiscoveryInstances(DiscoveryTransport transport, InstanceCache cache, InstancePoller poller,
			ApplicationEventPublisher events, String env) {
		this.transport = transport;
		this.cache = cache;
		this.poller = poller;
		this.events = events;
		this.env = env;
	}

	/**
	 * The UP instances of an app; never throws.
	 * @param appid the app
	 * @return its instances, empty when unknown or never reachable
	 */
	public List<ServiceInstance> instances(String appid) {
		Optional<CachedApp> cached = this.cache.get(appid);
		if (cached.isPresent()) {
			return cached.get().instances();
		}
		return subscribe(appid);
	}

	/**
	 * The cache behind the lookups.
	 * @return the cache
	 */
	public InstanceCache cache() {
		return this.cache;
	}

	private List<ServiceInstance> subscribe(String appid) {
		this.subscribeLock.lock();
		try {
			Optional<CachedApp> cached = this.cache.get(appid);
			if (cached.isPresent()) {
				return cached.get().instances();
			}
			boolean changed = fetch(appid);
			this.poller.watch(List.of(appid));
			if (changed) {
				this.events.publishEvent(new HeartbeatEvent(this, this.cache.version()));
			}
			return this.cache.get(appid).map(CachedApp::instances).orElse(List.of());
		}
		finally {
			this.subscribeLock.unlock();
		}
	}

	private boolean fetch(String appid) {
		try {
			NodeAnswer<Map<String, InstanceInfo>> answer = this.transport.fetch(List.of(appid), this.env);
			this.poller.contacted();
			InstanceInfo info = answer.value().get(appid);
			return (info != null) ? this.cache.apply(appid, info, answer.node()) : this.cache.applyUnknown(appid);
		}
		catch (DiscoveryServerException | IllegalStateException ex) {
			logger.warn("First lookup of '" + appid + "' failed, the long poll will fill it in: " + ex.getMessage());
			return this.cache.applyUnknown(appid);
		}
	}

}

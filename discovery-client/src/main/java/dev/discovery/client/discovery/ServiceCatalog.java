package dev.discovery.client.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.protocol.Instance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The names of the apps registered in this env, from {@code /discovery/fetch/all}, cached
 * for a short while and kept when the servers are unreachable.
 */
public class ServiceCatalog {

	private static final Log logger = LogFactory.getLog(ServiceCatalog.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final Clock clock;

	private final String env;

	private final Duration timeToLive;

	private final ReentrantLock lock = new ReentrantLock();

	private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

	private Set<String> services = Set.of();

	private @Nullable Instant expires;

	/**
	 * Create the catalog.
	 * @param transport the transport
	 * @param cache the instance cache, whose apps are always listed
	 * @param clock the clock
	 * @param env deploy environment
	 * @param timeToLive how long a fetched list is reused
	 */
	public ServiceCatalog(DiscoveryTransport transport, InstanceCache cache, Clock clock, String env,
			Duration timeToLive) {
		this.transport = transport;
		this.cache = cache;
		this.clock = clock;
		this.env = env;
		this.timeToLive = timeToLive;
	}

	/**
	 * Be told when a refresh finds a different set of apps.
	 * @param listener receives the apps now registered in this env
	 */
	public void onChange(Consumer<Set<String>> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The registered apps; never throws.
	 * @return appids in alphabetical order
	 */
	public List<String> services() {
		Set<String> known;
		this.lock.lock();
		try {
			Instant now = this.clock.instant();
			if (this.expires == null || !now.isBefore(this.expires)) {
				refresh(now);
			}
			known = new TreeSet<>(this.services);
		}
		finally {
			this.lock.unlock();
		}
		for (String appid : this.cache.appids()) {
			if (this.cache.get(appid).map((app) -> !app.instances().isEmpty()).orElse(false)) {
				known.add(appid);
			}
		}
		return List.copyOf(known);
	}

	private void refresh(Instant now) {
		try {
			Set<String> fetched = new TreeSet<>();
			for (Map.Entry<String, @Nullable List<Instance>> entry : this.transport.fetchAll().entrySet()) {
				List<Instance> instances = entry.getValue();
				if (instances != null && instances.stream().anyMatch((instance) -> this.env.equals(instance.env()))) {
					fetched.add(entry.getKey());
				}
			}
			boolean changed = this.expires != null && !fetched.equals(this.services);
			this.services = Set.copyOf(fetched);
			this.expires = now.plus(this.timeToLive);
			if (changed) {
				this.listeners.forEach((listener) -> listener.accept(this.services));
			}
		}
		catch (DiscoveryServerException | IllegalStateException ex) {
			// try again on the next call, but not on every call while the servers are
			// down
			this.expires = now.plus(this.timeToLive.dividedBy(10));
			logger.debug("Listing the registered apps failed, using the last known list", ex);
		}
	}

}

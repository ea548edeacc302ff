package dev.discovery.client.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.TaskTimer;
import dev.discovery.protocol.CatalogInfo;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Response;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The names of the apps registered in this env, kept up to date from the first
 * {@link #services()} call on: by the server's catalog watch (docs/protocol.md, "Catalog
 * watch"), which answers within moments of the first instance of a new app or the last
 * instance of an app leaving; against a server without it (HTTP 404, such as the Go
 * reference) by {@code /discovery/fetch/all} every fallback interval. The last known list
 * is kept while the servers are unreachable.
 */
public class ServiceCatalog {

	private static final Log logger = LogFactory.getLog(ServiceCatalog.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final TaskTimer timer;

	private final String env;

	private final Duration fallbackInterval;

	private final Duration errorBackoff;

	private final ReentrantLock lock = new ReentrantLock();

	private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Set<String> services;

	private volatile boolean watchSupported = true;

	private boolean fallbackLogged;

	private long version;

	private boolean running;

	private @Nullable Future<?> next;

	/**
	 * Create the catalog.
	 * @param transport the transport
	 * @param cache the instance cache, whose apps are listed until a server answered
	 * @param timer runs the watch loop; its thread blocks while a watch is held
	 * @param env deploy environment
	 * @param fallbackInterval how often {@code fetch/all} runs when the server has no
	 * catalog watch
	 * @param errorBackoff pause after a failed request
	 */
	public ServiceCatalog(DiscoveryTransport transport, InstanceCache cache, TaskTimer timer, String env,
			Duration fallbackInterval, Duration errorBackoff) {
		this.transport = transport;
		this.cache = cache;
		this.timer = timer;
		this.env = env;
		this.fallbackInterval = fallbackInterval;
		this.errorBackoff = errorBackoff;
	}

	/**
	 * Be told when the set of apps changes.
	 * @param listener receives the apps now registered in this env
	 */
	public void onChange(Consumer<Set<String>> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The registered apps; never throws. The first call reads the list now and starts
	 * keeping it up to date; until a server answered, the apps in the instance cache.
	 * @return appids in alphabetical order
	 */
	public List<String> services() {
		if (this.services == null) {
			this.lock.lock();
			try {
				if (this.services == null && !this.running) {
					refreshOnce();
					start();
				}
			}
			finally {
				this.lock.unlock();
			}
		}
		Set<String> current = this.services;
		if (current != null) {
			// the server's list is authoritative: cached apps keep their last instances
			// (keep-last-non-empty), which must not keep an app that left listed
			return List.copyOf(new TreeSet<>(current));
		}
		Set<String> known = new TreeSet<>();
		for (String appid : this.cache.appids()) {
			if (this.cache.get(appid).map((app) -> !app.instances().isEmpty()).orElse(false)) {
				known.add(appid);
			}
		}
		return List.copyOf(known);
	}

	/**
	 * Whether the current node answers the catalog watch (until the first 404).
	 * @return {@code false} once a node answered 404, until one answers the watch again
	 */
	public boolean isWatchSupported() {
		return this.watchSupported;
	}

	/**
	 * Start keeping the list up to date; does nothing when it runs.
	 */
	public void start() {
		this.lock.lock();
		try {
			if (!this.running) {
				this.running = true;
				schedule(Duration.ZERO);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop, aborting a watch in flight.
	 */
	public void stop() {
		this.lock.lock();
		try {
			this.running = false;
			Future<?> future = this.next;
			if (future != null) {
				future.cancel(true);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void schedule(Duration delay) {
		this.next = this.timer.schedule(this::round, delay);
	}

	private void round() {
		Duration delay;
		try {
			delay = this.watchSupported ? watch() : fallback();
		}
		catch (DiscoveryServerException | IllegalStateException ex) {
			if (!isRunning()) {
				return;
			}
			logger.debug("Watching the registered apps failed, keeping the last known list: " + ex.getMessage(), ex);
			delay = jittered(this.errorBackoff);
		}
		this.lock.lock();
		try {
			if (this.running) {
				schedule(delay);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isRunning() {
		this.lock.lock();
		try {
			return this.running;
		}
		finally {
			this.lock.unlock();
		}
	}

	// one held watch; -304 and answers watch again at once
	private Duration watch() {
		Optional<Response<CatalogInfo>> answer = this.transport.catalog(this.env, this.version);
		if (answer.isEmpty()) {
			if (!this.fallbackLogged) {
				this.fallbackLogged = true;
				logger.info("The discovery server has no catalog watch; listing apps with fetch/all every "
						+ this.fallbackInterval);
			}
			this.watchSupported = false;
			return fallback();
		}
		Response<CatalogInfo> response = answer.get();
		CatalogInfo data = response.data();
		if (response.code() == ErrorCode.OK.code() && data != null) {
			this.version = data.version();
			update(Set.copyOf(data.apps()));
			return Duration.ZERO;
		}
		if (response.code() == ErrorCode.NOT_MODIFIED.code()) {
			return Duration.ZERO;
		}
		throw new DiscoveryServerException("catalog watch", this.transport.nodes().current(), response.code());
	}

	// fetch/all now, then again after the interval; the watch is tried again first
	private Duration fallback() {
		update(fetchAll());
		this.version = 0;
		this.watchSupported = true;
		return this.fallbackInterval;
	}

	private void refreshOnce() {
		try {
			Optional<Response<CatalogInfo>> answer = this.watchSupported ? this.transport.catalog(this.env, 0)
					: Optional.empty();
			CatalogInfo data = answer.map(Response::data).orElse(null);
			if (answer.isPresent() && data != null && answer.get().code() == ErrorCode.OK.code()) {
				this.version = data.version();
				update(Set.copyOf(data.apps()));
			}
			else {
				this.watchSupported = answer.isPresent();
				update(fetchAll());
			}
		}
		catch (DiscoveryServerException | IllegalStateException ex) {
			logger.debug("Listing the registered apps failed, trying again in the background: " + ex.getMessage(), ex);
		}
	}

	private Set<String> fetchAll() {
		Set<String> fetched = new TreeSet<>();
		for (Map.Entry<String, @Nullable List<Instance>> entry : this.transport.fetchAll().entrySet()) {
			List<Instance> instances = entry.getValue();
			if (instances != null && instances.stream().anyMatch((instance) -> this.env.equals(instance.env()))) {
				fetched.add(entry.getKey());
			}
		}
		return fetched;
	}

	private void update(Set<String> apps) {
		Set<String> previous = this.services;
		this.services = Set.copyOf(apps);
		if (previous != null && !previous.equals(apps)) {
			this.listeners.forEach((listener) -> listener.accept(this.services));
		}
	}

	private static Duration jittered(Duration backoff) {
		long millis = backoff.toMillis();
		long jitter = (millis > 1) ? ThreadLocalRandom.current().nextLong(millis / 2 + 1) : 0;
		return Duration.ofMillis(millis - millis / 4 + jitter);
	}

}

package dev.discovery.server.polling;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.RegistryListener;

/**
 * Keeps the app list of every env that someone watches and wakes the watchers when it
 * changes: when the first instance of an app arrives or the last one leaves
 * (docs/protocol.md, "Catalog watch").
 * <p>
 * A registry change costs one map lookup and, in a watched env, one registry lookup under
 * that env's entry lock; only a change of the app list itself copies the list. Versions
 * start at the clock's milliseconds, so a restarted node does not reuse the version a
 * client saw before.
 */
public final class CatalogHub implements RegistryListener {

	private final Registry registry;

	private final Executor broadcaster;

	private final Clock clock;

	private final ConcurrentHashMap<String, Catalog> catalogs = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<CatalogPoll>> parked = new ConcurrentHashMap<>();

	private final AtomicInteger parkedCount = new AtomicInteger();

	/**
	 * Create the hub and listen to the registry.
	 * @param registry the registry
	 * @param broadcaster runs the wake-ups, off the request that changed the registry
	 * @param clock source of the first version of each env
	 */
	public CatalogHub(Registry registry, Executor broadcaster, Clock clock) {
		this.registry = registry;
		this.broadcaster = broadcaster;
		this.clock = clock;
		registry.addListener(this);
	}

	/**
	 * The current app list of an env.
	 * @param env the env
	 * @return the catalog
	 */
	public Catalog catalog(String env) {
		return this.catalogs.computeIfAbsent(env, this::build);
	}

	/**
	 * Answers at once when the env's catalog version differs from the client's, otherwise
	 * parks until the app list changes.
	 * @param env the env
	 * @param version the version the client has, any value when it has none
	 * @return the poll; its answer may already be complete. Callers must
	 * {@link CatalogPoll#close() close} it when they stop waiting.
	 */
	public CatalogPoll poll(String env, long version) {
		CatalogPoll poll = new CatalogPoll(this, env);
		Catalog current = catalog(env);
		if (current.version() != version) {
			poll.deliver(current);
			return poll;
		}
		this.parked.compute(env, (key, set) -> {
			Set<CatalogPoll> polls = (set != null) ? set : ConcurrentHashMap.newKeySet();
			polls.add(poll);
			return polls;
		});
		this.parkedCount.incrementAndGet();
		// A change between the first check and the parking is seen here; a later one
		// reaches the parked poll.
		Catalog again = catalog(env);
		if (again.version() != version) {
			poll.deliver(again);
		}
		return poll;
	}

	/**
	 * Number of catalog polls currently parked.
	 * @return the count
	 */
	public int parkedCount() {
		return this.parkedCount.get();
	}

	@Override
	public void appChanged(AppKey key) {
		Catalog[] changed = { null };
		// Decided under the env's entry lock from the registry as it is now (never from
		// a catalog read outside the lock), so whatever the order of concurrent changes,
		// the last one leaves the catalog matching the registry. Envs nobody watches have
		// no entry and cost one lookup.
		this.catalogs.computeIfPresent(key.env(), (env, current) -> {
			boolean present = isPresent(key);
			if (current.contains(key.appid()) == present) {
				return current;
			}
			Set<String> apps = new HashSet<>(current.members());
			if (present) {
				apps.add(key.appid());
			}
			else {
				apps.remove(key.appid());
			}
			changed[0] = Catalog.of(nextVersion(current.version()), apps);
			return changed[0];
		});
		if (changed[0] != null && this.parked.containsKey(key.env())) {
			this.broadcaster.execute(() -> wake(key.env()));
		}
	}

	void wake(String env) {
		Set<CatalogPoll> polls = this.parked.get(env);
		if (polls == null) {
			return;
		}
		Catalog catalog = catalog(env);
		for (CatalogPoll poll : polls) {
			poll.deliver(catalog);
		}
	}

	void release(CatalogPoll poll) {
		boolean[] wasParked = { false };
		this.parked.computeIfPresent(poll.env(), (env, set) -> {
			wasParked[0] = set.remove(poll);
			return set.isEmpty() ? null : set;
		});
		if (wasParked[0]) {
			this.parkedCount.decrementAndGet();
		}
	}

	private Catalog build(String env) {
		Set<String> apps = new HashSet<>();
		for (AppKey key : this.registry.appKeys()) {
			if (key.env().equals(env) && isPresent(key)) {
				apps.add(key.appid());
			}
		}
		return Catalog.of(this.clock.millis(), apps);
	}

	private boolean isPresent(AppKey key) {
		return this.registry.snapshot(key) != null;
	}

	private long nextVersion(long current) {
		return Math.max(current + 1, this.clock.millis());
	}

}

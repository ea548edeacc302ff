package dev.discovery.server.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.discovery.protocol.Instance;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory AP registry of one node: (env, appid) → zone → hostname → lease.
 * <p>
 * Each app has its own lock and an immutable {@link AppSnapshot} that is swapped on every
 * change; readers never lock. Listeners are told after the swap, so a reader that checks
 * the snapshot after registering interest can never miss a change.
 */
public final class Registry {

	private final ConcurrentHashMap<AppKey, App> apps = new ConcurrentHashMap<>();

	private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

	private final SelfPreservationGuard guard;

	public Registry(SelfPreservationGuard guard) {
		this.guard = guard;
	}

	public void addListener(RegistryListener listener) {
		this.listeners.add(listener);
	}

	public SelfPreservationGuard guard() {
		return this.guard;
	}

	/**
	 * Registers a complete instance record, merging by dirty timestamp: a stored record
	 * with a strictly newer {@code dirty_timestamp} is kept (docs/wire-protocol.md §3.1
	 * step 5). The app's L is bumped with the record's {@code latest_timestamp} either
	 * way.
	 * @param record the instance with all timestamps set by the caller
	 * @return the lease stored for the hostname after the call: a new one built from the
	 * record, or the newer one that was kept
	 */
	public Lease register(Instance record) {
		AppKey key = new AppKey(record.env(), record.appid());
		while (true) {
			App app = this.apps.computeIfAbsent(key, App::new);
			Lease stored = app.locked(() -> {
				AppSnapshot before = app.snapshot;
				PersistentMap<String, Lease> bucket = before.buckets().get(record.zone());
				Lease existing = (bucket != null) ? bucket.get(record.hostname()) : null;
				long latest = bump(before.latestTimestamp(), record.latestTimestamp());
				if (existing != null && record.dirtyTimestamp() < existing.instance().dirtyTimestamp()) {
					app.snapshot = new AppSnapshot(key, before.buckets(), before.size(), latest);
					return existing;
				}
				Lease lease = Lease.registered(record, existing);
				PersistentMap<String, Lease> updated = ((bucket != null) ? bucket
						: PersistentMap.<String, Lease>empty())
					.plus(record.hostname(), lease);
				app.snapshot = new AppSnapshot(key, before.buckets().plus(record.zone(), updated),
						before.size() + ((existing == null) ? 1 : 0), latest);
				if (existing == null) {
					this.guard.instanceAdded();
				}
				return lease;
			});
			if (stored != null) {
				changed(key);
				return stored;
			}
		}
	}

	/**
	 * Records a heartbeat.
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param now the heartbeat time
	 * @return the renewed lease or {@code null} when the instance is unknown
	 */
	public @Nullable Lease renew(AppKey key, String zone, String hostname, long now) {
		AppSnapshot snapshot = snapshot(key);
		Map<String, Lease> bucket = (snapshot != null) ? snapshot.zones().get(zone) : null;
		Lease lease = (bucket != null) ? bucket.get(hostname) : null;
		if (lease == null) {
			return null;
		}
		lease.renew(now);
		snapshot.renewed();
		this.guard.renewed();
		return lease;
	}

	/**
	 * Removes an instance and bumps L(app) with the given timestamp.
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param latestTimestamp feeds the bump of L (0 → L + 1)
	 * @return the removed lease or {@code null} when the instance is unknown
	 */
	public @Nullable Lease cancel(AppKey key, String zone, String hostname, long latestTimestamp) {
		Lease removed = remove(key, zone, hostname, latestTimestamp, null);
		if (removed != null) {
			this.guard.instanceCancelled();
		}
		return removed;
	}

	/**
	 * Removes an expired lease unless it was replaced meanwhile; never replicated and
	 * does not change the guard's expectation (docs/wire-protocol.md §6).
	 * @param lease the lease chosen for eviction
	 * @param now the eviction time, used to bump L(app)
	 * @return {@code true} when the lease was removed
	 */
	public boolean evict(Lease lease, long now) {
		Instance i = lease.instance();
		return remove(new AppKey(i.env(), i.appid()), i.zone(), i.hostname(), now, lease) != null;
	}

	/**
	 * Applies a {@code set} to a zone bucket, all or nothing: every hostname must exist.
	 * @param key the app
	 * @param zone the zone bucket
	 * @param change the validated change
	 * @return {@code true} when applied, {@code false} when the app, zone or a hostname
	 * is unknown (nothing changed)
	 */
	public boolean set(AppKey key, String zone, SetChange change) {
		App app = this.apps.get(key);
		if (app == null || change.hostnames().isEmpty()) {
			return false;
		}
		Boolean applied = app.locked(() -> {
			AppSnapshot before = app.snapshot;
			PersistentMap<String, Lease> bucket = before.buckets().get(zone);
			if (bucket == null || !bucket.keySet().containsAll(change.hostnames())) {
				return false;
			}
			PersistentMap<String, Lease> updated = bucket;
			for (int n = 0; n < change.hostnames().size(); n++) {
				String hostname = change.hostnames().get(n);
				updated = updated.plus(hostname, updated.get(hostname).withSet(change, n));
			}
			app.snapshot = new AppSnapshot(key, before.buckets().plus(zone, updated), before.size(),
					bump(before.latestTimestamp(), change.timestamp()));
			return true;
		});
		if (Boolean.TRUE.equals(applied)) {
			changed(key);
			return true;
		}
		return false;
	}

	/**
	 * The current snapshot of an app.
	 * @param key the app
	 * @return the snapshot or {@code null} when the app has no instance
	 */
	public @Nullable AppSnapshot snapshot(AppKey key) {
		App app = this.apps.get(key);
		if (app == null) {
			return null;
		}
		AppSnapshot snapshot = app.snapshot;
		return snapshot.isEmpty() ? null : snapshot;
	}

	/**
	 * The lease of one instance.
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @return the lease or {@code null}
	 */
	public @Nullable Lease lease(AppKey key, String zone, String hostname) {
		AppSnapshot snapshot = snapshot(key);
		if (snapshot == null) {
			return null;
		}
		Map<String, Lease> bucket = snapshot.zones().get(zone);
		return (bucket != null) ? bucket.get(hostname) : null;
	}

	/**
	 * Current snapshots of all apps with at least one instance.
	 * @return the snapshots
	 */
	public List<AppSnapshot> snapshots() {
		List<AppSnapshot> result = new ArrayList<>(this.apps.size());
		for (App app : this.apps.values()) {
			AppSnapshot snapshot = app.snapshot;
			if (!snapshot.isEmpty()) {
				result.add(snapshot);
			}
		}
		return result;
	}

	/**
	 * Visits every lease of every app.
	 * @param visitor receives each lease
	 */
	public void forEachLease(Consumer<Lease> visitor) {
		for (App app : this.apps.values()) {
			app.snapshot.buckets()
				.forEach((zone, bucket) -> bucket.forEach((hostname, lease) -> visitor.accept(lease)));
		}
	}

	/**
	 * Number of instances across all apps, envs and zones.
	 * @return the instance count
	 */
	public int size() {
		int size = 0;
		for (App app : this.apps.values()) {
			size += app.snapshot.size();
		}
		return size;
	}

	private @Nullable Lease remove(AppKey key, String zone, String hostname, long latestTimestamp,
			@Nullable Lease expected) {
		App app = this.apps.get(key);
		if (app == null) {
			return null;
		}
		Lease removed = app.locked(() -> {
			AppSnapshot before = app.snapshot;
			PersistentMap<String, Lease> bucket = before.buckets().get(zone);
			Lease current = (bucket != null) ? bucket.get(hostname) : null;
			if (current == null || (expected != null && current != expected)) {
				return null;
			}
			PersistentMap<String, Lease> remaining = bucket.minus(hostname);
			PersistentMap<String, PersistentMap<String, Lease>> zones = remaining.isEmpty()
					? before.buckets().minus(zone) : before.buckets().plus(zone, remaining);
			app.snapshot = new AppSnapshot(key, zones, before.size() - 1,
					bump(before.latestTimestamp(), latestTimestamp));
			if (zones.isEmpty()) {
				// Forget the app (and its L) once its last instance is gone; App.removed
				// makes a concurrent register retry on a fresh App instead of writing
				// into this one.
				app.removed = true;
				this.apps.remove(key, app);
			}
			return current;
		});
		if (removed != null) {
			changed(key);
		}
		return removed;
	}

	private void changed(AppKey key) {
		for (RegistryListener listener : this.listeners) {
			listener.appChanged(key);
		}
	}

	/**
	 * The L update rule: strictly increasing and at least {@code x}
	 * (docs/wire-protocol.md §2.5).
	 */
	static long bump(long current, long x) {
		return (x <= current) ? current + 1 : x;
	}

	/**
	 * One app: its lock and current snapshot.
	 */
	private static final class App {

		private final ReentrantLock lock = new ReentrantLock();

		private volatile AppSnapshot snapshot;

		private boolean removed;

		App(AppKey key) {
			this.snapshot = new AppSnapshot(key, PersistentMap.empty(), 0, 0);
		}

		/**
		 * Runs an action under the app lock.
		 * @return the action's result, or {@code null} when the app was removed meanwhile
		 */
		<T> @Nullable T locked(java.util.function.Supplier<T> action) {
			this.lock.lock();
			try {
				return this.removed ? null : action.get();
			}
			finally {
				this.lock.unlock();
			}
		}

	}

	/**
	 * Apps currently known, for diagnostics.
	 * @return the app keys
	 */
	public Collection<AppKey> appKeys() {
		return List.copyOf(this.apps.keySet());
	}

}

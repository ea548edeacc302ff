package dev.discovery.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Immutable state of one app at one version: zone to hostname to lease, and the app's
 * {@code latest_timestamp} L. A new snapshot replaces the old one on every change, so
 * readers never see a half-applied change; it shares all unchanged leases and all but one
 * path of its maps with the snapshot it replaced, so a change costs the same in a large
 * app as in a small one.
 * <p>
 * Each snapshot memoizes views derived from it (such as serialized answers), so an answer
 * is built once per change of the app, not once per request.
 */
public final class AppSnapshot {

	private final AppKey key;

	private final PersistentMap<String, PersistentMap<String, Lease>> zones;

	private final int size;

	private final long latestTimestamp;

	private final Map<Object, View> views = new ConcurrentHashMap<>();

	private final AtomicLong renewals = new AtomicLong();

	AppSnapshot(AppKey key, PersistentMap<String, PersistentMap<String, Lease>> zones, int size, long latestTimestamp) {
		this.key = key;
		this.zones = zones;
		this.size = size;
		this.latestTimestamp = latestTimestamp;
	}

	public AppKey key() {
		return this.key;
	}

	/**
	 * Zone to hostname to lease; unmodifiable.
	 * @return the zone buckets
	 */
	public Map<String, Map<String, Lease>> zones() {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		Map<String, Map<String, Lease>> view = (Map) this.zones;
		return view;
	}

	PersistentMap<String, PersistentMap<String, Lease>> buckets() {
		return this.zones;
	}

	/**
	 * The app-level change version L(app).
	 * @return the latest timestamp
	 */
	public long latestTimestamp() {
		return this.latestTimestamp;
	}

	/**
	 * Whether the app has no instance left.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Number of instances in all zones.
	 * @return the instance count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * All leases of all zones.
	 * @return a new list of leases
	 */
	public List<Lease> leases() {
		List<Lease> leases = new ArrayList<>(this.size);
		this.zones.forEach((zone, bucket) -> bucket.forEach((hostname, lease) -> leases.add(lease)));
		return leases;
	}

	/**
	 * A view derived from this snapshot, computed at most once per key and per renew of
	 * one of its instances (views show live renew timestamps). The work is bounded by the
	 * change and renew rate of the app, never by the request rate.
	 * @param <T> type of the view
	 * @param viewKey identifies the view (must have value semantics)
	 * @param renderer computes the view from this snapshot
	 * @return the memoized view
	 */
	public <T> T view(Object viewKey, Function<AppSnapshot, T> renderer) {
		return view(viewKey, renderer, 0, 0);
	}

	/**
	 * A view derived from this snapshot that may trail renews by a bounded time: it is
	 * computed once per key and change of the app, and again after a renew only when the
	 * last computation is at least {@code refreshNanos} old. For views that are costly to
	 * recompute, such as compressed answers.
	 * @param <T> type of the view
	 * @param viewKey identifies the view (must have value semantics)
	 * @param renderer computes the view from this snapshot
	 * @param refreshNanos how long a view may ignore renews, 0 for never
	 * @param nowNanos the current time on the scale of {@code refreshNanos}
	 * @return the memoized view
	 */
	@SuppressWarnings("unchecked")
	public <T> T view(Object viewKey, Function<AppSnapshot, T> renderer, long refreshNanos, long nowNanos) {
		long generation = this.renewals.get();
		View cached = this.views.get(viewKey);
		if (cached != null && (cached.generation() == generation || nowNanos - cached.builtAt() < refreshNanos)) {
			return (T) cached.value();
		}
		T value = renderer.apply(this);
		this.views.put(viewKey, new View(generation, nowNanos, value));
		return value;
	}

	/**
	 * Counts a renew of one of the app's instances, so views refresh their renew times.
	 */
	void renewed() {
		this.renewals.incrementAndGet();
	}

	private record View(long generation, long builtAt, Object value) {

	}

}

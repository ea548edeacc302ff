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
 * readers never see a half-applied change.
 * <p>
 * Each snapshot memoizes views derived from it (such as serialized answers), so an answer
 * is built once per change of the app, not once per request.
 */
public final class AppSnapshot {

	private final AppKey key;

	private final Map<String, Map<String, Lease>> zones;

	private final long latestTimestamp;

	private final Map<Object, View> views = new ConcurrentHashMap<>();

	private final AtomicLong renewals = new AtomicLong();

	AppSnapshot(AppKey key, Map<String, Map<String, Lease>> zones, long latestTimestamp) {
		this.key = key;
		this.zones = zones;
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
		return this.zones.isEmpty();
	}

	/**
	 * Number of instances in all zones.
	 * @return the instance count
	 */
	public int size() {
		int size = 0;
		for (Map<String, Lease> bucket : this.zones.values()) {
			size += bucket.size();
		}
		return size;
	}

	/**
	 * All leases of all zones.
	 * @return a new list of leases
	 */
	public List<Lease> leases() {
		List<Lease> leases = new ArrayList<>(size());
		for (Map<String, Lease> bucket : this.zones.values()) {
			leases.addAll(bucket.values());
		}
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
	@SuppressWarnings("unchecked")
	public <T> T view(Object viewKey, Function<AppSnapshot, T> renderer) {
		long generation = this.renewals.get();
		View cached = this.views.get(viewKey);
		if (cached != null && cached.generation() == generation) {
			return (T) cached.value();
		}
		T value = renderer.apply(this);
		this.views.put(viewKey, new View(generation, value));
		return value;
	}

	void renewed() {
		this.renewals.incrementAndGet();
	}

	private record View(long generation, Object value) {

	}

}

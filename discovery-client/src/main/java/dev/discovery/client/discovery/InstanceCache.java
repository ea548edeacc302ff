package dev.discovery.client.discovery;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;

/**
 * The last known UP instances of every subscribed app (docs/wire-protocol.md §8.5, §8.6
 * with the §8.7 fix): entries are replaced atomically, kept while the servers are
 * unreachable, and an answer without instances moves the timestamp but, by default, keeps
 * the previous list.
 */
public class InstanceCache {

	private static final Comparator<DiscoveredInstance> BY_ID = Comparator.comparing(DiscoveredInstance::getInstanceId)
		.thenComparing((instance) -> instance.getUri().toString());

	private final boolean keepLastNonEmpty;

	private final Map<String, CachedApp> apps = new ConcurrentHashMap<>();

	private final List<InstanceCacheListener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong version = new AtomicLong();

	/**
	 * Create an empty cache.
	 * @param keepLastNonEmpty whether an answer without instances keeps the previous list
	 */
	public InstanceCache(boolean keepLastNonEmpty) {
		this.keepLastNonEmpty = keepLastNonEmpty;
	}

	/**
	 * Register a listener for real changes.
	 * @param listener the listener
	 */
	public void addListener(InstanceCacheListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(InstanceCacheListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Apply the answer of a node for one app. An answer that is not newer than what the
	 * same node answered before is ignored.
	 * @param appid the app
	 * @param info the answer
	 * @param node the node that answered
	 * @return whether the instance list or the zone scheduler changed
	 */
	public boolean apply(String appid, InstanceInfo info, URI node) {
		return apply(appid, info, node, false);
	}

	/**
	 * Apply the answer of a node for one app, optionally without removing any instance:
	 * while a restarted server is still receiving re-registrations, its answers may be
	 * partial (docs/client.md, "Server restarts").
	 * @param appid the app
	 * @param info the answer
	 * @param node the node that answered
	 * @param widenOnly whether instances missing from the answer are kept
	 * @return whether the instance list or the zone scheduler changed
	 */
	public boolean apply(String appid, InstanceInfo info, URI node, boolean widenOnly) {
		// a zone answered as null (a nil Go slice) is an empty zone, dropped like one
		List<DiscoveredInstance> answered = info.instances()
			.values()
			.stream()
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.filter(Objects::nonNull)
			.filter(Instance::isUp)
			.map(DiscoveredInstance::from)
			.flatMap(Optional::stream)

			.sorted(BY_ID)
			.toList();
		ZoneSchedule schedule = ZoneSchedule.parse(info.scheduler());
		AtomicBoolean changed = new AtomicBoolean();
		CachedApp updated = this.apps.compute(appid, (key, old) -> {
			if (old != null && node.equals(old.node()) && info.latestTimestamp() <= old.latestTimestamp()) {
				return old;
			}
			List<DiscoveredInstance> previous = (old != null) ? old.instances() : List.of();
			List<DiscoveredInstance> kept = (answered.isEmpty() && this.keepLastNonEmpty) ? previous
					: widenOnly ? union(previous, answered) : answered;
			ZoneSchedule previousSchedule = (old != null) ? old.schedule() : ZoneSchedule.NONE;
			// a new scheduler changes what load balancers offer, so it counts as a change
			changed.set(!kept.equals(previous) || !schedule.equals(previousSchedule));
			return new CachedApp(kept, info.latestTimestamp(), node, schedule);
		});
		if (changed.get()) {
			changed(appid, updated.instances());
		}
		return changed.get();
	}

	// the answered instances plus the previous ones the answer does not name
	private static List<DiscoveredInstance> union(List<DiscoveredInstance> previous,
			List<DiscoveredInstance> answered) {
		Map<String, DiscoveredInstance> byId = new LinkedHashMap<>();
		previous.forEach((instance) -> byId.put(instance.getInstanceId(), instance));
		answered.forEach((instance) -> byId.put(instance.getInstanceId(), instance));
		return byId.values().stream().sorted(BY_ID).toList();
	}

	/**
	 * Record that a node does not know an app (yet).
	 * @param appid the app
	 * @return whether the instance list changed
	 */
	public boolean applyUnknown(String appid) {
		AtomicBoolean changed = new AtomicBoolean();
		CachedApp updated = this.apps.compute(appid, (key, old) -> {
			if (old == null) {
				return new CachedApp(List.of(), 0, null);
			}
			if (this.keepLastNonEmpty || old.instances().isEmpty()) {
				return old.withoutTimestamp();
			}
			changed.set(true);
			return new CachedApp(List.of(), 0, null);
		});
		if (changed.get()) {
			changed(appid, updated.instances());
		}
		return changed.get();
	}

	/**
	 * Forget every timestamp, keeping the instances: the next poll asks for full answers.
	 */
	public void resetTimestamps() {
		this.apps.replaceAll((appid, app) -> app.withoutTimestamp());
	}

	/**
	 * The timestamp to send to a node for an app: the remembered one when it came from
	 * that node, else 0.
	 * @param appid the app
	 * @param node the node about to be asked
	 * @return the timestamp
	 */
	public long timestamp(String appid, URI node) {
		CachedApp app = this.apps.get(appid);
		return (app != null && node.equals(app.node())) ? app.latestTimestamp() : 0;
	}

	/**
	 * What is known about an app.
	 * @param appid the app
	 * @return the entry, empty when the app was never looked up
	 */
	public Optional<CachedApp> get(String appid) {
		return Optional.ofNullable(this.apps.get(appid));
	}

	/**
	 * The apps in the cache.
	 * @return appids in alphabetical order
	 */
	public Set<String> appids() {
		return new TreeSet<>(this.apps.keySet());
	}

	/**
	 * A number that grows with every real change, for {@code HeartbeatEvent}s.
	 * @return the version
	 */
	public long version() {
		return this.version.get();
	}

	private void changed(String appid, List<DiscoveredInstance> instances) {
		this.version.incrementAndGet();
		for (InstanceCacheListener listener : this.listeners) {
			listener.instancesChanged(appid, instances);
		}
	}

}

package dev.discovery.client.discovery;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the cache knows about one app.
 *
 * @param instances its UP instances, sorted by instance id
 * @param latestTimestamp the app's change version on {@code node}, 0 when unknown
 * @param node the server node the timestamp belongs to, {@code null} when none
 * @param schedule the zone scheduler of the app, {@link ZoneSchedule#NONE} when none
 */
public record CachedApp(List<DiscoveredInstance> instances, long latestTimestamp, @Nullable URI node,
		ZoneSchedule schedule) {

	/**
	 * Copy the list so the entry is immutable.
	 */
	public CachedApp {
		instances = List.copyOf(instances);
	}

	/**
	 * An entry without zone scheduler.
	 * @param instances its UP instances, sorted by instance id
	 * @param latestTimestamp the app's change version on {@code node}, 0 when unknown
	 * @param node the server node the timestamp belongs to, {@code null} when none
	 */
	public CachedApp(List<DiscoveredInstance> instances, long latestTimestamp, @Nullable URI node) {
		this(instances, latestTimestamp, node, ZoneSchedule.NONE);
	}

	CachedApp withoutTimestamp() {
		return new CachedApp(this.instances, 0, null, this.schedule);
	}

}

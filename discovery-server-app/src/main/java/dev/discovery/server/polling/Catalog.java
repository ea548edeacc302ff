package dev.discovery.server.polling;

import java.util.List;
import java.util.Set;

/**
 * The apps of one env that have at least one instance, with a version that changes
 * whenever that set changes (docs/protocol.md, "Catalog watch").
 *
 * @param version changes with every change of the set; compared for equality only
 * @param apps the appids, sorted
 * @param members the same appids, for membership tests
 */
public record Catalog(long version, List<String> apps, Set<String> members) {

	/**
	 * Create a catalog.
	 * @param version the version
	 * @param apps the appids in any order
	 * @return the catalog
	 */
	public static Catalog of(long version, Set<String> apps) {
		return new Catalog(version, apps.stream().sorted().toList(), Set.copyOf(apps));
	}

	/**
	 * Whether an app is in the catalog.
	 * @param appid the app
	 * @return {@code true} when it has at least one instance
	 */
	public boolean contains(String appid) {
		return this.members.contains(appid);
	}

}

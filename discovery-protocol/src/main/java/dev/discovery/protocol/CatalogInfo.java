package dev.discovery.protocol;

import java.util.List;

/**
 * The {@code data} of a catalog watch answer (docs/protocol.md, "Catalog watch"): the
 * apps of an env that have at least one instance, in any status.
 *
 * @param version to send with the next watch; compared for equality only
 * @param apps the appids, sorted
 */
public record CatalogInfo(long version, List<String> apps) {

	public CatalogInfo {
		apps = (apps != null) ? List.copyOf(apps) : List.of();
	}

}

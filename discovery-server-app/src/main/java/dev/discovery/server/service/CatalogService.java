package dev.discovery.server.service;

import dev.discovery.protocol.CatalogInfo;
import dev.discovery.server.polling.CatalogHub;
import dev.discovery.server.polling.CatalogPoll;

/**
 * The catalog watch extension (docs/protocol.md, "Catalog watch"): what the api layer may
 * ask about the app list of an env.
 */
public final class CatalogService {

	private final CatalogHub hub;

	private final ReadGate gate;

	/**
	 * Create the service.
	 * @param hub keeps and watches the app lists
	 * @param gate closed while the node may not serve reads yet
	 */
	public CatalogService(CatalogHub hub, ReadGate gate) {
		this.hub = hub;
		this.gate = gate;
	}

	/**
	 * Whether reads may be served now (not during startup protection).
	 * @return {@code true} when the read gate is open
	 */
	public boolean isReadable() {
		return this.gate.isOpen();
	}

	/**
	 * Watch the app list of an env from the version a client has.
	 * @param env the env
	 * @param version the client's version, any value when it has none
	 * @return the watch, to close when the client stops waiting
	 */
	public Watch<CatalogInfo> watch(String env, long version) {
		CatalogPoll poll = this.hub.poll(env, version);
		return new Watch<>(poll.answer().thenApply((catalog) -> new CatalogInfo(catalog.version(), catalog.apps())),
				poll);
	}

}

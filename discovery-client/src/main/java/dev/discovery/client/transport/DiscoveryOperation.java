package dev.discovery.client.transport;

import java.util.Locale;

/**
 * The kinds of request the client sends to a discovery node.
 */
public enum DiscoveryOperation {

	/** {@code POST /discovery/register}. */
	REGISTER,

	/** {@code POST /discovery/renew}. */
	RENEW,

	/** {@code POST /discovery/cancel}. */
	CANCEL,

	/** {@code POST /discovery/set}. */
	SET,

	/** {@code GET /discovery/fetchs}. */
	FETCH,

	/** {@code GET /discovery/fetch/all}. */
	FETCH_ALL,

	/** {@code GET /discovery/polls}. */
	POLLS,

	/** {@code GET /discovery/catalog}, this project's extension. */
	CATALOG;

	/**
	 * The name used in metrics and logs.
	 * @return the lower-case name, such as {@code fetch_all}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}

package dev.discovery.protocol;

/**
 * Paths, parameter names and well-known values of the discovery HTTP API
 * (docs/wire-protocol.md §1.1, §3).
 */
public final class DiscoveryApi {

	/** Default HTTP port of a discovery server. */
	public static final int DEFAULT_PORT = 7171;

	/** App id under which every server node registers itself. */
	public static final String SELF_APPID = "infra.discovery";

	/** Register or re-register an instance. */
	public static final String REGISTER = "/discovery/register";

	/** Heartbeat. */
	public static final String RENEW = "/discovery/renew";

	/** Deregister. */
	public static final String CANCEL = "/discovery/cancel";

	/** Change status or metadata of instances. */
	public static final String SET = "/discovery/set";

	/** One app, immediate. */
	public static final String FETCH = "/discovery/fetch";

	/** Several apps, immediate. */
	public static final String FETCHS = "/discovery/fetchs";

	/** One app, long poll. */
	public static final String POLL = "/discovery/poll";

	/** Several apps, long poll. */
	public static final String POLLS = "/discovery/polls";

	/** Server nodes of the local zone. */
	public static final String NODES = "/discovery/nodes";

	/** Whole registry, for peer sync. */
	public static final String FETCH_ALL = "/discovery/fetch/all";

	/**
	 * The app list of an env, long poll: an extension of this project's server
	 * (docs/protocol.md, "Catalog watch"); the Go reference answers HTTP 404.
	 */
	public static final String CATALOG = "/discovery/catalog";

	/** Header carrying the client's remaining request timeout in milliseconds. */
	public static final String TIMEOUT_HEADER = "x1-bmspy-timeout";

	private DiscoveryApi() {
	}

}

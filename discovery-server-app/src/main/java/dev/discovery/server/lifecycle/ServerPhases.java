package dev.discovery.server.lifecycle;

/**
 * The {@code SmartLifecycle} phases of a node, in the one place that orders them. Spring
 * starts lower phases first and stops higher phases first; Spring Boot's own phases are
 * listed beside ours:
 *
 * <pre>
 * phase (DEFAULT = Integer.MAX_VALUE)   start order              stop order
 * PEER_CLIENT        DEFAULT - 8192     1 connections to peers   last: queued changes drained before
 * REPLICATION        DEFAULT - 8191     2 per-peer channels      drains its queues, then stops
 * NODE_LIST          DEFAULT - 8190     3 node-list refresher
 * (Boot) web server start/stop  DEFAULT - 2048: the port is bound from here on
 * STARTUP_SYNC       DEFAULT - 1500     4 fetch/all from peers   (needs the bound port to skip itself)
 * (Boot) graceful shutdown      DEFAULT - 1024: in-flight requests finish before the server stops
 * SELF_REGISTRATION  DEFAULT - 1000     5 registers the node     first: cancels itself while the server still answers
 * DEFAULT            DEFAULT            6 eviction, read gate
 * </pre>
 */
public final class ServerPhases {

	/** Spring's default phase, that of every lifecycle without a phase of its own. */
	public static final int DEFAULT = Integer.MAX_VALUE;

	/** The HTTP client to other nodes: up before anything talks to peers, down last. */
	public static final int PEER_CLIENT = DEFAULT - 8192;

	/** Replication channels: started once the client is up, drained before it stops. */
	public static final int REPLICATION = PEER_CLIENT + 1;

	/** Rebuilds the node list from the registry; only needs replication running. */
	public static final int NODE_LIST = PEER_CLIENT + 2;

	/**
	 * The startup sync: after Boot's web server start ({@code DEFAULT - 2048}), so the
	 * node knows its bound address and skips itself, before Boot's graceful shutdown
	 * ({@code DEFAULT - 1024}).
	 */
	public static final int STARTUP_SYNC = DEFAULT - 1500;

	/**
	 * Self-registration: after Boot's graceful-shutdown phase, so on stop the node
	 * cancels itself while it still answers requests.
	 */
	public static final int SELF_REGISTRATION = DEFAULT - 1000;

	/**
	 * Answers every parked poll when the node stops: after the self-cancel (so pollers of
	 * {@code infra.discovery} see it), before Boot's graceful shutdown, which would
	 * otherwise wait out each poll's hold (docs/server.md, "Shutdown").
	 */
	public static final int POLL_DRAIN = DEFAULT - 1010;

	private ServerPhases() {
	}

}

package dev.discovery.client.discovery;

import java.time.Duration;
import java.util.List;

/**
 * How the long-poll loop behaves.
 *
 * @param env deploy environment to poll
 * @param hostname identity of this poller, informational for the server
 * @param errorBackoff pause after a failed poll before the next attempt
 * @param subscriptions apps to watch from the start
 * @param rejoinGrace after polls reach a node again following failures, how long answers
 * may add instances to a cached app but not remove any (docs/client.md, "Server
 * restarts")
 */
public record PollerSettings(String env, String hostname, Duration errorBackoff, List<String> subscriptions,
		Duration rejoinGrace) {

	/** The rejoin grace unless configured: re-registrations take up to about 2 s. */
	public static final Duration DEFAULT_REJOIN_GRACE = Duration.ofSeconds(5);

	/**
	 * Copy the subscriptions.
	 */
	public PollerSettings {
		subscriptions = List.copyOf(subscriptions);
	}

	/**
	 * Settings with the default rejoin grace.
	 * @param env deploy environment to poll
	 * @param hostname identity of this poller
	 * @param errorBackoff pause after a failed poll
	 * @param subscriptions apps to watch from the start
	 */
	public PollerSettings(String env, String hostname, Duration errorBackoff, List<String> subscriptions) {
		this(env, hostname, errorBackoff, subscriptions, DEFAULT_REJOIN_GRACE);
	}

}

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
 */
public record PollerSettings(String env, String hostname, Duration errorBackoff, List<String> subscriptions) {

	/**
	 * Copy the subscriptions.
	 */
	public PollerSettings {
		subscriptions = List.copyOf(subscriptions);
	}

}

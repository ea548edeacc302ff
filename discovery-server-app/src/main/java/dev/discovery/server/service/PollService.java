package dev.discovery.server.service;

import java.util.List;

import dev.discovery.server.polling.ParkedPoll;
import dev.discovery.server.polling.PollHub;
import dev.discovery.server.polling.PollRequest;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Registry;
import org.jspecify.annotations.Nullable;

/**
 * The long polls (docs/wire-protocol.md §3.7, §3.8, §4): whether a poll is answered at
 * once, parked or refused, decided in one place.
 */
public final class PollService {

	private final PollHub hub;

	private final Registry registry;

	/**
	 * Create the service.
	 * @param hub parks polls and wakes them
	 * @param registry read for the current snapshots
	 */
	public PollService(PollHub hub, Registry registry) {
		this.hub = hub;
		this.registry = registry;
	}

	/**
	 * A {@code polls} request: answered at once when an app changed since the client's
	 * timestamp, otherwise held; unknown apps are held too.
	 * @param env deploy environment
	 * @param appids the apps, without duplicates
	 * @param timestamps the client's timestamp per app, same order
	 * @param zone zone filter or {@code null}
	 * @return the watch, to close when the caller stops waiting
	 */
	public Watch<PolledApps> polls(String env, List<String> appids, List<Long> timestamps, @Nullable String zone) {
		ParkedPoll poll = this.hub.poll(new PollRequest(env, appids, timestamps, zone));
		return new Watch<>(poll.answer().thenApply((answer) -> new PolledApps(answer.changed(), answer.missing())),
				poll);
	}

	/**
	 * A {@code poll} request: refused at once (nothing parked) when its first app is
	 * unknown here (D4), otherwise as {@link #polls}.
	 * @param env deploy environment
	 * @param appids the apps, without duplicates
	 * @param timestamps the client's timestamp per app, same order
	 * @param zone zone filter or {@code null}
	 * @return the watch, or {@code null} when the first app is unknown
	 */
	public @Nullable Watch<PolledApps> poll(String env, List<String> appids, List<Long> timestamps,
			@Nullable String zone) {
		AppSnapshot first = this.registry.snapshot(new AppKey(env, appids.get(0)));
		if (PollHub.state(first, timestamps.get(0), zone) == PollHub.State.MISSING) {
			return null;
		}
		return polls(env, appids, timestamps, zone);
	}

	/**
	 * Number of polls parked on an app, for tests and metrics.
	 * @param key the app
	 * @return the count
	 */
	public int parkedCount(AppKey key) {
		return this.hub.parkedCount(key);
	}

}

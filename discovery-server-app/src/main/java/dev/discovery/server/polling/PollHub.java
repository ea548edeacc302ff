package dev.discovery.server.polling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.discovery.server.lifecycle.ServerPhases;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.RegistryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Parks long polls and wakes them when one of their apps changes (docs/wire-protocol.md
 * §4).
 * <p>
 * A poll is parked first and checked second, and the registry swaps its snapshot before
 * telling this hub, so a change can never fall between the check and the parking (the
 * reference's lost wake-up, D3). Wake-ups run on the broadcaster executor, not inside the
 * request that changed the registry (D16).
 */
public final class PollHub implements RegistryListener, SmartLifecycle {

	private final Registry registry;

	private final Executor broadcaster;

	private final ConcurrentHashMap<AppKey, Set<ParkedPoll>> parked = new ConcurrentHashMap<>();

	private final AtomicInteger parkedCount = new AtomicInteger();

	private volatile boolean running;

	private volatile boolean stopping;

	private final Set<AppKey> queued = ConcurrentHashMap.newKeySet();

	public PollHub(Registry registry, Executor broadcaster) {
		this.registry = registry;
		this.broadcaster = broadcaster;
		registry.addListener(this);
	}

	/**
	 * Answers a poll at once when one of its apps changed since the client's timestamp,
	 * otherwise parks it until a change.
	 * @param request the poll
	 * @return the parked poll; its answer may already be complete. Callers must
	 * {@link ParkedPoll#close() close} it when they stop waiting.
	 */
	public ParkedPoll poll(PollRequest request) {
		List<AppKey> keys = new ArrayList<>(request.appids().size());
		for (String appid : request.appids()) {
			keys.add(new AppKey(request.env(), appid));
		}
		PollAnswer first = evaluate(request, keys);
		ParkedPoll poll = new ParkedPoll(this, keys, request.zone(), first.missing());
		if (this.stopping) {
			poll.deliver(PollAnswer.nodeStopping());
			return poll;
		}
		if (!first.changed().isEmpty()) {
			poll.deliver(first);
			return poll;
		}
		for (AppKey key : keys) {
			// compute/computeIfPresent are atomic per key, so a poll is never added to a
			// set that a concurrent release is dropping.
			this.parked.compute(key, (k, set) -> {
				Set<ParkedPoll> polls = (set != null) ? set : ConcurrentHashMap.newKeySet();
				polls.add(poll);
				return polls;
			});
		}
		this.parkedCount.incrementAndGet();
		// Re-check after parking: a change that landed between the first check and the
		// parking is seen here; one that lands later reaches the parked poll.
		PollAnswer second = evaluate(request, keys);
		if (!second.changed().isEmpty()) {
			poll.deliver(new PollAnswer(second.changed(), first.missing()));
		}
		else if (this.stopping) {
			// stop() may have swept the parked polls just before this one was parked.
			poll.deliver(PollAnswer.nodeStopping());
		}
		return poll;
	}

	@Override
	public void start() {
		this.stopping = false;
		this.running = true;
	}

	/**
	 * Answers every parked poll at once, and every later poll on arrival, with
	 * {@link PollAnswer#nodeStopping()} (docs/server.md, "Shutdown").
	 */
	@Override
	public void stop() {
		this.stopping = true;
		for (Set<ParkedPoll> polls : this.parked.values()) {
			for (ParkedPoll poll : polls) {
				poll.deliver(PollAnswer.nodeStopping());
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return ServerPhases.POLL_DRAIN;
	}

	/**
	 * Number of polls currently parked.
	 * @return the count
	 */
	public int parkedCount() {
		return this.parkedCount.get();
	}

	/**
	 * Number of polls currently parked on one app.
	 * @param key the app
	 * @return the count
	 */
	public int parkedCount(AppKey key) {
		Set<ParkedPoll> polls = this.parked.get(key);
		return (polls != null) ? polls.size() : 0;
	}

	/**
	 * Queues one wake-up of the app's parked polls. Changes that arrive while one is
	 * queued share it: a burst of writes into one app wakes its polls once, with the
	 * snapshot current when the wake-up runs.
	 */
	@Override
	public void appChanged(AppKey key) {
		if (this.parked.containsKey(key) && this.queued.add(key)) {
			this.broadcaster.execute(() -> {
				// Dequeued before reading the snapshot: a later change queues again.
				this.queued.remove(key);
				broadcast(key);
			});
		}
	}

	void broadcast(AppKey key) {
		Set<ParkedPoll> polls = this.parked.get(key);
		AppSnapshot snapshot = this.registry.snapshot(key);
		if (polls == null || snapshot == null) {
			// The app is gone: its pollers keep waiting (and time out with -304) like the
			// reference's, but nothing blocks or leaks (D5, option A).
			return;
		}
		for (ParkedPoll poll : polls) {
			String zone = poll.zone();
			if (zone == null || snapshot.zones().containsKey(zone)) {
				poll.deliver(new PollAnswer(Map.of(key.appid(), snapshot), poll.missing()));
			}
		}
	}

	void release(ParkedPoll poll) {
		boolean[] wasParked = { false };
		for (AppKey key : poll.keys()) {
			this.parked.computeIfPresent(key, (k, set) -> {
				wasParked[0] |= set.remove(poll);
				return set.isEmpty() ? null : set;
			});
		}
		if (wasParked[0]) {
			this.parkedCount.decrementAndGet();
		}
	}

	private PollAnswer evaluate(PollRequest request, List<AppKey> keys) {
		Map<String, AppSnapshot> changed = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (int n = 0; n < keys.size(); n++) {
			AppKey key = keys.get(n);
			AppSnapshot snapshot = this.registry.snapshot(key);
			State state = state(snapshot, request.timestamps().get(n), request.zone());
			if (state == State.MISSING) {
				missing.add(key.appid());
			}
			else if (state == State.CHANGED) {
				changed.put(key.appid(), snapshot);
			}
		}
		return new PollAnswer(changed, missing);
	}

	/**
	 * Classifies one requested app (docs/wire-protocol.md §4.1).
	 * @param snapshot the app's snapshot or {@code null} when unknown
	 * @param clientTimestamp the L the client last saw
	 * @param zone the zone filter
	 * @return the state
	 */
	public static State state(@Nullable AppSnapshot snapshot, long clientTimestamp, @Nullable String zone) {
		if (snapshot == null) {
			return State.MISSING;
		}
		// [REF] "unchanged" is decided before the zone filter: an absent zone bucket with
		// an up-to-date timestamp is held, not reported missing.
		if (clientTimestamp >= snapshot.latestTimestamp()) {
			return State.UNCHANGED;
		}
		if (zone != null && !snapshot.zones().containsKey(zone)) {
			return State.MISSING;
		}
		return State.CHANGED;
	}

	/**
	 * How a requested app compares with the client's view.
	 */
	public enum State {

		/** Unknown on this node, or its zone bucket is absent. */
		MISSING,

		/** The client is up to date. */
		UNCHANGED,

		/** The client's timestamp is older than L(app). */
		CHANGED

	}

}

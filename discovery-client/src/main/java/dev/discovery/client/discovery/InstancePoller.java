package dev.discovery.client.discovery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.TaskTimer;
import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.PollsResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One long-poll loop on {@code /discovery/polls} for every watched app
 * (docs/wire-protocol.md §8.3 with the §8.7 fixes). A change is applied to the cache as
 * soon as a node answers; -304 polls again at once; failures move to the next node and
 * back off with jitter. Watching a new app cancels the poll in flight and restarts it
 * with the larger set, keeping the timestamps already known. How well polls go is kept in
 * {@link PollHealth}; the nodes are learnt from {@code infra.discovery} answers.
 */
public class InstancePoller {

	private static final Log logger = LogFactory.getLog(InstancePoller.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final TaskTimer timer;

	private final PollHealth health;

	private final SelfNodes selfNodes;

	private final PollerSettings settings;

	private final Set<String> watched = new TreeSet<>();

	private final ReentrantLock lock = new ReentrantLock();

	private boolean running;

	private int generation;

	private @Nullable Future<?> inFlight;

	private final List<Runnable> rejoinListeners = new CopyOnWriteArrayList<>();

	// set by a failed poll, cleared by the next answer: that answer is a rejoin
	private volatile boolean failedSinceAnswer;

	// until then, answers widen cached apps but never narrow them
	private volatile @Nullable Instant widenUntil;

	/**
	 * Create a poller.
	 * @param transport the transport
	 * @param cache the cache to feed
	 * @param timer runs the polls, one at a time
	 * @param health where the outcome of every poll is recorded
	 * @param settings behaviour settings
	 */
	public InstancePoller(DiscoveryTransport transport, InstanceCache cache, TaskTimer timer, PollHealth health,
			PollerSettings settings) {
		this.transport = transport;
		this.cache = cache;
		this.timer = timer;
		this.health = health;
		this.selfNodes = new SelfNodes(transport.nodes());
		this.settings = settings;
		this.watched.add(DiscoveryApi.SELF_APPID);
		this.watched.addAll(settings.subscriptions());
	}

	/**
	 * Start polling.
	 */
	public void start() {
		this.lock.lock();
		try {
			if (!this.running) {
				this.running = true;
				restart();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop polling, aborting the poll in flight.
	 */
	public void stop() {
		this.lock.lock();
		try {
			this.running = false;
			this.generation++;
			cancelInFlight();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the loop runs.
	 * @return {@code true} between start and stop
	 */
	public boolean isRunning() {
		this.lock.lock();
		try {
			return this.running;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Watch more apps. When a new one is added, the poll in flight is cancelled and a new
	 * one starts at once with the larger set.
	 * @param appids the apps
	 */
	public void watch(Collection<String> appids) {
		this.lock.lock();
		try {
			if (this.watched.addAll(appids) && this.running) {
				restart();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Be told when polls reach a node again after failing, such as after a server
	 * restart: the moment to renew registrations, so a server that restarted empty learns
	 * about them at once.
	 * @param listener runs on the poll thread; must not block
	 */
	public void onRejoin(Runnable listener) {
		this.rejoinListeners.add(listener);
	}

	/**
	 * The current state of the loop.
	 * @return a snapshot
	 */
	public PollStatus status() {
		List<String> apps;
		boolean isRunning;
		this.lock.lock();
		try {
			apps = List.copyOf(this.watched);
			isRunning = this.running;
		}
		finally {
			this.lock.unlock();
		}
		return this.health.status(isRunning, apps, this.transport.nodes().current());
	}

	/**
	 * How well the polls go.
	 * @return the health record
	 */
	public PollHealth health() {
		return this.health;
	}

	private void restart() {
		this.generation++;
		cancelInFlight();
		schedule(this.generation, Duration.ZERO);
	}

	private void cancelInFlight() {
		Future<?> future = this.inFlight;
		if (future != null) {
			// interrupts the blocking HTTP call, which aborts the request
			future.cancel(true);
			this.inFlight = null;
		}
	}

	private void schedule(int pollGeneration, Duration delay) {
		this.inFlight = this.timer.schedule(() -> poll(pollGeneration), delay);
	}

	private boolean isCurrent(int pollGeneration) {
		this.lock.lock();
		try {
			return this.running && pollGeneration == this.generation;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void poll(int pollGeneration) {
		if (!isCurrent(pollGeneration)) {
			return;
		}
		Duration next = pollOnce(pollGeneration);
		this.lock.lock();
		try {
			if (this.running && pollGeneration == this.generation) {
				schedule(pollGeneration, next);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private Duration pollOnce(int pollGeneration) {
		URI node = this.transport.nodes().current();
		List<String> apps;
		this.lock.lock();
		try {
			apps = List.copyOf(this.watched);
		}
		finally {
			this.lock.unlock();
		}
		Instant until = this.widenUntil;
		if (until != null && !this.health.now().isBefore(until)) {
			// the grace is over: ask for full answers, which may narrow again
			this.widenUntil = null;
			this.cache.resetTimestamps();
		}
		List<Long> timestamps = apps.stream().map((appid) -> this.cache.timestamp(appid, node)).toList();
		try {
			PollsResponse response = this.transport.polls(node, apps, timestamps, this.settings.env(),
					this.settings.hostname());
			return handle(node, apps, response);
		}
		catch (DiscoveryServerException ex) {
			if (!isCurrent(pollGeneration)) {
				// cancelled on purpose to restart with more apps
				return Duration.ZERO;
			}
			return failed(node, ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			return failed(node, "polls answer of " + node + " could not be read: " + ex.getMessage(), ex);
		}
	}

	private Duration handle(URI node, List<String> apps, PollsResponse response) {
		if (response.code() == ErrorCode.NOT_MODIFIED.code()) {
			rejoined();
			succeeded();
			return Duration.ZERO;
		}
		Map<String, InstanceInfo> data = response.data();
		if (response.code() != ErrorCode.OK.code() || data == null || !isValid(data)) {
			this.transport.nodes().failed(node);
			return failed(node, "polls answered code " + response.code() + " from " + node, null);
		}
		rejoined();
		boolean widenOnly = this.widenUntil != null;
		for (String appid : apps) {
			InstanceInfo info = data.get(appid);
			if (info != null) {
				this.cache.apply(appid, info, node, widenOnly);
				if (DiscoveryApi.SELF_APPID.equals(appid)) {
					this.selfNodes.learn(info);
				}
			}
		}
		for (String appid : missing(response)) {
			if (apps.contains(appid) && !widenOnly) {
				this.cache.applyUnknown(appid);
			}
		}
		succeeded();
		return Duration.ZERO;
	}

	// the first answer after failures: the node may have restarted empty and be
	// receiving re-registrations, so answers only widen for a while
	private void rejoined() {
		if (!this.failedSinceAnswer) {
			return;
		}
		this.failedSinceAnswer = false;
		if (!this.settings.rejoinGrace().isZero()) {
			this.widenUntil = this.health.now().plus(this.settings.rejoinGrace());
		}
		for (Runnable listener : this.rejoinListeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Rejoin listener failed: " + ex.getMessage(), ex);
			}
		}
	}

	private static List<String> missing(PollsResponse response) {
		Map<String, @Nullable List<String>> error = response.error();
		List<String> missing = (error != null) ? error.get(Integer.toString(ErrorCode.NOTHING_FOUND.code())) : null;
		return (missing != null) ? missing : List.of();
	}

	// an app with timestamp 0 means the node is broken (docs/wire-protocol.md §8.3)
	private static boolean isValid(Map<String, InstanceInfo> data) {
		return data.values().stream().allMatch((info) -> info != null && info.latestTimestamp() != 0);
	}

	private void succeeded() {
		if (this.health.pollAnswered()) {
			logger.info("Discovery polls work again on " + this.transport.nodes().current());
		}
	}

	private Duration failed(URI node, String message, @Nullable Exception ex) {
		int failures = this.health.pollFailed(message);
		this.failedSinceAnswer = true;
		// L values are node-local and a node may have restarted: ask for full answers
		this.cache.resetTimestamps();
		if (failures == 1) {
			// often a kept-alive connection the server closed: retry once at once
			logger.debug("Discovery polls failed on " + node + ", retrying: " + message, ex);
			return Duration.ZERO;
		}
		if (failures == 2) {
			logger.warn("Discovery polls failed, keeping the cached instances: " + message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Discovery polls failed again on " + node, ex);
		}
		return jittered(this.settings.errorBackoff());
	}

	private static Duration jittered(Duration backoff) {
		long millis = backoff.toMillis();
		long jitter = (millis > 1) ? ThreadLocalRandom.current().nextLong(millis / 2 + 1) : 0;
		return Duration.ofMillis(millis - millis / 4 + jitter);
	}

}

package dev.discovery.client.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.PollsResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * One long-poll loop on {@code /discovery/polls} for every watched app
 * (docs/wire-protocol.md §8.3 with the §8.7 fixes). A change is applied as soon as a node
 * answers; -304 polls again at once; failures move to the next node and back off with
 * jitter. Watching a new app cancels the poll in flight and restarts it with the larger
 * set, keeping the timestamps already known.
 */
public class InstancePoller implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InstancePoller.class);

	private final DiscoveryTransport transport;

	private final InstanceCache cache;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final PollerSettings settings;

	private final Set<String> watched = new TreeSet<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicBoolean initialized = new AtomicBoolean();

	private boolean running;

	private int generation;

	private @Nullable ScheduledFuture<?> inFlight;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lastPollAnswer;

	private volatile @Nullable Instant lastFailure;

	private volatile @Nullable String lastError;

	private volatile int consecutiveFailures;

	/**
	 * Create a poller.
	 * @param transport the transport
	 * @param cache the cache to feed
	 * @param scheduler a scheduler with a thread for this loop
	 * @param clock the clock
	 * @param events publisher of {@link HeartbeatEvent}s
	 * @param settings behaviour settings
	 */
	public InstancePoller(DiscoveryTransport transport, InstanceCache cache, TaskScheduler scheduler, Clock clock,
			ApplicationEventPublisher events, PollerSettings settings) {
		this.transport = transport;
		this.cache = cache;
		this.scheduler = scheduler;
		this.clock = clock;
		this.events = events;
		this.settings = settings;
		this.watched.add(DiscoveryApi.SELF_APPID);
		this.watched.addAll(settings.subscriptions());
	}

	@Override
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

	@Override
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

	@Override
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
		return new PollStatus(isRunning, apps, this.lastSuccess, this.lastPollAnswer, this.lastFailure, this.lastError,
				this.consecutiveFailures, this.transport.nodes().current());
	}

	/**
	 * When a node last answered a poll with a usable answer (changes or -304).
	 * @return the instant, {@code null} before the first answer
	 */
	public @Nullable Instant lastPollAnswer() {
		return this.lastPollAnswer;
	}

	/**
	 * Record that another request reached a node, so health and the registered event
	 * don't wait for the first poll.
	 */
	void contacted() {
		this.lastSuccess = this.clock.instant();
		if (this.initialized.compareAndSet(false, true)) {
			// lets the discovery health indicator work when this app registers nothing
			this.events.publishEvent(new InstanceRegisteredEvent<>(this, this.settings));
		}
	}

	private void restart() {
		this.generation++;
		cancelInFlight();
		schedule(this.generation, Duration.ZERO);
	}

	private void cancelInFlight() {
		ScheduledFuture<?> future = this.inFlight;
		if (future != null) {
			// interrupts the blocking HTTP call, which aborts the request
			future.cancel(true);
			this.inFlight = null;
		}
	}

	private void schedule(int pollGeneration, Duration delay) {
		this.inFlight = this.scheduler.schedule(() -> poll(pollGeneration), this.clock.instant().plus(delay));
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
			succeeded();
			return Duration.ZERO;
		}
		Map<String, InstanceInfo> data = response.data();
		if (response.code() != ErrorCode.OK.code() || data == null || !isValid(data)) {
			this.transport.nodes().failed(node);
			return failed(node, "polls answered code " + response.code() + " from " + node, null);
		}
		boolean changed = false;
		for (String appid : apps) {
			InstanceInfo info = data.get(appid);
			if (info != null) {
				changed |= this.cache.apply(appid, info, node);
				if (DiscoveryApi.SELF_APPID.equals(appid)) {
					updateNodes(info);
				}
			}
		}
		for (String appid : missing(response)) {
			if (apps.contains(appid)) {
				changed |= this.cache.applyUnknown(appid);
			}
		}
		succeeded();
		if (changed) {
			this.events.publishEvent(new HeartbeatEvent(this, this.cache.version()));
		}
		return Duration.ZERO;
	}

	private void updateNodes(InstanceInfo info) {
		List<Instance> instances = new ArrayList<>();
		info.instances().values().forEach(instances::addAll);
		if (this.transport.nodes().updateFromRegistry(instances)) {
			logger.info("Discovery nodes now " + this.transport.nodes().candidates());
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
		if (this.consecutiveFailures > 1) {
			logger.info("Discovery polls work again on " + this.transport.nodes().current());
		}
		this.consecutiveFailures = 0;
		this.lastPollAnswer = this.clock.instant();
		contacted();
	}

	private Duration failed(URI node, String message, @Nullable Exception ex) {
		this.consecutiveFailures++;
		this.lastFailure = this.clock.instant();
		this.lastError = message;
		// L values are node-local and a node may have restarted: ask for full answers
		this.cache.resetTimestamps();
		if (this.consecutiveFailures == 1) {
			// often a kept-alive connection the server closed: retry once at once
			logger.debug("Discovery polls failed on " + node + ", retrying: " + message, ex);
			return Duration.ZERO;
		}
		if (this.consecutiveFailures == 2) {
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

	/**
	 * Runs after the other lifecycles of the default phase have started.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}

package dev.discovery.server.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import dev.discovery.server.registry.Evictor;
import dev.discovery.server.registry.Registry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs eviction every minute and resets the self-preservation expectation every 15
 * minutes.
 */
public final class EvictionSchedule implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EvictionSchedule.class);

	private final Evictor evictor;

	private final Registry registry;

	private final TaskScheduler scheduler;

	private final Duration evictionInterval;

	private final Duration resetInterval;

	private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

	private volatile boolean running;

	private volatile boolean wasProtected;

	public EvictionSchedule(Evictor evictor, Registry registry, TaskScheduler scheduler, Duration evictionInterval,
			Duration resetInterval) {
		this.evictor = evictor;
		this.registry = registry;
		this.scheduler = scheduler;
		this.evictionInterval = evictionInterval;
		this.resetInterval = resetInterval;
	}

	@Override
	public synchronized void start() {
		var now = this.scheduler.getClock().instant();
		this.tasks.add(this.scheduler.scheduleAtFixedRate(this::evict, now.plus(this.evictionInterval),
				this.evictionInterval));
		this.tasks
			.add(this.scheduler.scheduleAtFixedRate(() -> this.registry.guard().resetExpected(this.registry.size()),
					now.plus(this.resetInterval), this.resetInterval));
		this.running = true;
	}

	void evict() {
		int evicted = this.evictor.evict();
		boolean protect = this.registry.guard().isProtected();
		if (protect != this.wasProtected) {
			this.wasProtected = protect;
			logger.warn(protect
					? "Self-preservation ON: renews in the last minute (" + this.registry.guard().renewsLastMinute()
							+ ") below threshold (" + this.registry.guard().threshold()
							+ "); instances expire only after the ceiling"
					: "Self-preservation OFF: renews back above threshold");
		}
		if (evicted > 0) {
			logger.info("Evicted " + evicted + " expired instance(s)");
		}
	}

	@Override
	public synchronized void stop() {
		this.tasks.forEach((task) -> task.cancel(false));
		this.tasks.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}

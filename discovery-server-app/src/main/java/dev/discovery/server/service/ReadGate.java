package dev.discovery.server.service;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Startup protection (docs/wire-protocol.md §5.9): while closed, reads are refused so
 * that a node that has not synced from its peers never serves an empty or partial
 * registry. Opened by the first successful peer sync or after a timeout.
 */
public final class ReadGate implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ReadGate.class);

	private final AtomicBoolean open;

	private final TaskScheduler scheduler;

	private final Duration timeout;

	private volatile @Nullable ScheduledFuture<?> timer;

	private volatile boolean running;

	/**
	 * Creates a gate.
	 * @param enabled whether startup protection is on; when off the gate starts open
	 * @param scheduler schedules the timeout
	 * @param timeout how long reads stay refused without a peer sync
	 */
	public ReadGate(boolean enabled, TaskScheduler scheduler, Duration timeout) {
		this.open = new AtomicBoolean(!enabled);
		this.scheduler = scheduler;
		this.timeout = timeout;
	}

	/**
	 * Whether reads are served.
	 * @return {@code true} once protection ended
	 */
	public boolean isOpen() {
		return this.open.get();
	}

	/**
	 * Ends startup protection.
	 * @param reason why, for the log
	 */
	public void open(String reason) {
		if (this.open.compareAndSet(false, true)) {
			logger.info("Startup protection ended: " + reason);
		}
	}

	@Override
	public void start() {
		this.running = true;
		if (!isOpen()) {
			logger.info("Startup protection on: reads refused for up to " + this.timeout);
			this.timer = this.scheduler.schedule(() -> open("timeout of " + this.timeout),
					this.scheduler.getClock().instant().plus(this.timeout));
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> t = this.timer;
		if (t != null) {
			t.cancel(false);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}

package dev.discovery.client.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.TaskTimer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The starter's own single-thread schedulers (one for the long poll, one for renews, one
 * for the catalog watch). They are not {@link TaskScheduler} beans, so the application's
 * scheduler is left alone; their threads start with the first task and stop with the
 * context.
 */
public final class DiscoverySchedulers implements DisposableBean {

	private final ReentrantLock lock = new ReentrantLock();

	private final List<ThreadPoolTaskScheduler> created = new ArrayList<>();

	private @Nullable TaskScheduler poll;

	private @Nullable TaskScheduler renew;

	private @Nullable TaskScheduler catalog;

	/**
	 * The scheduler of the long-poll loop.
	 * @return the scheduler
	 */
	public TaskScheduler poll() {
		this.lock.lock();
		try {
			if (this.poll == null) {
				this.poll = create("discovery-poll-");
			}
			return this.poll;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The scheduler of renews and the shutdown drain delay.
	 * @return the scheduler
	 */
	public TaskScheduler renew() {
		this.lock.lock();
		try {
			if (this.renew == null) {
				this.renew = create("discovery-renew-");
			}
			return this.renew;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The timer of the catalog watch, whose thread blocks while a watch is held.
	 * @return the timer
	 */
	public TaskTimer catalogTimer() {
		this.lock.lock();
		try {
			if (this.catalog == null) {
				this.catalog = create("discovery-catalog-");
			}
			return timer(this.catalog);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The long-poll scheduler as the client core's timer.
	 * @return the timer
	 */
	public TaskTimer pollTimer() {
		return timer(poll());
	}

	/**
	 * The renew scheduler as the client core's timer.
	 * @return the timer
	 */
	public TaskTimer renewTimer() {
		return timer(renew());
	}

	private static TaskTimer timer(TaskScheduler scheduler) {
		return (task, delay) -> scheduler.schedule(task, scheduler.getClock().instant().plus(delay));
	}

	private TaskScheduler create(String threadNamePrefix) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix(threadNamePrefix);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		this.created.add(scheduler);
		return scheduler;
	}

	@Override
	public void destroy() {
		this.lock.lock();
		try {
			this.created.forEach(ThreadPoolTaskScheduler::shutdown);
		}
		finally {
			this.lock.unlock();
		}
	}

}

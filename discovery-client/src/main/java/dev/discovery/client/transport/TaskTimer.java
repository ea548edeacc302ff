package dev.discovery.client.transport;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the only way the client core schedules work, so that
 * tests can drive the renew and poll loops by hand together with a fake clock.
 */
@FunctionalInterface
public interface TaskTimer {

	/**
	 * Run a task once after a delay.
	 * @param task the task
	 * @param delay the delay, zero to run as soon as possible
	 * @return the scheduled run; cancelling it with interruption aborts a blocking HTTP
	 * call in progress
	 */
	Future<?> schedule(Runnable task, Duration delay);

	/**
	 * A timer on an executor.
	 * @param executor the executor that runs the tasks
	 * @return the timer
	 */
	static TaskTimer of(ScheduledExecutorService executor) {
		return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

}

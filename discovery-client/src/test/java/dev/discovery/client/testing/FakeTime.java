package dev.discovery.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.TaskTimer;

/**
 * A clock and a timer that only move when a test says so: scheduled tasks run on the
 * test's thread, in the order they fall due, when the test advances the time.
 */
public final class FakeTime extends Clock implements TaskTimer {

	private final ReentrantLock lock = new ReentrantLock();

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private long sequence;

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		this.lock.lock();
		try {
			Task scheduled = new Task(task, this.now.plus(delay), this.sequence++);
			this.tasks.add(scheduled);
			return scheduled;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run the earliest pending task, moving the clock to its due time if later.
	 * @return whether a task ran
	 */
	public boolean runNext() {
		Task next;
		this.lock.lock();
		try {
			next = poll();
			if (next == null) {
				return false;
			}
			if (next.due.isAfter(this.now)) {
				this.now = next.due;
			}
		}
		finally {
			this.lock.unlock();
		}
		next.run();
		return true;
	}

	/**
	 * Move the clock forward, running every task that falls due meanwhile (also tasks
	 * they schedule), at most 1000 of them.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		Instant target = this.now.plus(duration);
		for (int ran = 0; ran < 1000; ran++) {
			Task next;
			this.lock.lock();
			try {
				next = this.tasks.peek();
				while (next != null && next.isCancelled()) {
					this.tasks.poll();
					next = this.tasks.peek();
				}
				if (next == null || next.due.isAfter(target)) {
					this.now = target;
					return;
				}
			}
			finally {
				this.lock.unlock();
			}
			runNext();
		}
		throw new IllegalStateException("More than 1000 tasks fell due: a loop without delay?");
	}

	/**
	 * How long until the earliest pending task falls due.
	 * @return the delay, {@code null} when nothing is pending
	 */
	public Duration nextDelay() {
		this.lock.lock();
		try {
			Task next = this.tasks.stream().filter((task) -> !task.isCancelled()).min(Task::compareTo).orElse(null);
			return (next != null) ? Duration.between(this.now, next.due) : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Tasks scheduled and not yet run or cancelled.
	 * @return the count
	 */
	public long pending() {
		this.lock.lock();
		try {
			return this.tasks.stream().filter((task) -> !task.isCancelled()).count();
		}
		finally {
			this.lock.unlock();
		}
	}

	private Task poll() {
		Task next = this.tasks.poll();
		while (next != null && next.isCancelled()) {
			next = this.tasks.poll();
		}
		return next;
	}

	@Override
	public Instant instant() {
		this.lock.lock();
		try {
			return this.now;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	private final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final Instant due;

		private final long order;

		Task(Runnable task, Instant due, long order) {
			super(task, null);
			this.due = due;
			this.order = order;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(instant(), this.due));
		}

		@Override
		public int compareTo(Delayed other) {
			Task that = (Task) other;
			int byDue = this.due.compareTo(that.due);
			return (byDue != 0) ? byDue : Long.compare(this.order, that.order);
		}

	}

}

package dev.discovery.client.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.TaskTimer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one registration alive: renews on a jittered schedule, registers again at once
 * (with the current status) when the server answers -404, retries a registration that
 * failed and a status change that did not reach the server. After {@link #stop()} nothing
 * is sent any more.
 */
class Heartbeat {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final DiscoveryTransport transport;

	private final TaskTimer timer;

	private final Clock clock;

	private final HeartbeatSettings settings;

	private final InstanceRegistration registration;

	// held during every request, so stop() waits for the one in flight
	private final ReentrantLock lock = new ReentrantLock();

	private volatile boolean registered;

	private boolean stopped;

	private @Nullable Future<?> next;

	private volatile @Nullable Instant lastRenew;

	private volatile @Nullable String lastError;

	// a status change the server has not acknowledged yet
	private volatile boolean statusPending;

	// the last renew reached no node: try again at the retry interval, not a renew
	// interval later, so a restarted server learns about this instance soon
	private boolean renewFailed;

	private final AtomicLong reregistrations = new AtomicLong();

	private final AtomicLong allReregistrations;

	Heartbeat(DiscoveryTransport transport, TaskTimer timer, Clock clock, HeartbeatSettings settings,
			InstanceRegistration registration, AtomicLong allReregistrations) {
		this.allReregistrations = allReregistrations;
		this.transport = transport;
		this.timer = timer;
		this.clock = clock;
		this.settings = settings;
		this.registration = registration;
	}

	/**
	 * Register now and start the schedule.
	 * @return whether the registration succeeded; if not, it is retried
	 */
	boolean start() {
		this.lock.lock();
		try {
			boolean ok = register();
			scheduleNext();
			return ok;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop the schedule, waiting for a request in flight.
	 */
	void stop() {
		this.lock.lock();
		try {
			this.stopped = true;
			Future<?> future = this.next;
			if (future != null) {
				future.cancel(false);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Send the registration's current status to the server, waiting for a request in
	 * flight. Nothing is sent before the registration succeeded (the register request
	 * carries the status) or after {@link #stop()}. A change that fails is retried with
	 * the next renew.
	 * @throws DiscoveryServerException when no node accepted the change
	 */
	void sendStatus() {
		this.lock.lock();
		try {
			if (this.stopped || !this.registered) {
				return;
			}
			this.statusPending = true;
			setStatus();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Send the registration again, such as after its metadata changed, waiting for a
	 * request in flight. Nothing is sent before the first registration succeeded or after
	 * {@link #stop()}; a failure is retried like a failed registration.
	 */
	void registerAgain() {
		this.lock.lock();
		try {
			if (!this.stopped && this.registered) {
				register();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Renew now instead of at the scheduled time, such as when the client's polls reached
	 * a server again after failing: a server that restarted empty answers -404 and the
	 * instance registers again at once. Does nothing after {@link #stop()}.
	 */
	void renewSoon() {
		this.lock.lock();
		try {
			if (this.stopped) {
				return;
			}
			Future<?> future = this.next;
			if (future != null) {
				future.cancel(false);
			}
			this.next = this.timer.schedule(this::beat, Duration.ZERO);
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isRegistered() {
		return this.registered;
	}

	@Nullable Instant lastRenew() {
		return this.lastRenew;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	long reregistrations() {
		return this.reregistrations.get();
	}

	private void beat() {
		this.lock.lock();
		try {
			if (this.stopped) {
				return;
			}
			if (!this.registered) {
				register();
			}
			else {
				renew();
			}
			if (this.registered && this.statusPending) {
				retryStatus();
			}
			scheduleNext();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void renew() {
		try {
			this.transport.renew(this.registration.key());
			this.lastRenew = this.clock.instant();
			this.lastError = null;
			this.renewFailed = false;
		}
		catch (DiscoveryServerException ex) {
			if (ex.isNothingFound()) {
				logger.info("Discovery server forgot " + this.registration + ", registering again");
				countReregistration();
				register();
			}
			else {
				this.lastError = ex.getMessage();
				this.renewFailed = ex.getCode() == null;
				logger.warn("Renew of " + this.registration + " failed: " + ex.getMessage());
			}
		}
	}

	private void setStatus() {
		try {
			this.transport.setStatus(this.registration.key(), this.registration.status());
			this.statusPending = false;
		}
		catch (DiscoveryServerException ex) {
			if (!ex.isNothingFound()) {
				this.lastError = ex.getMessage();
				throw ex;
			}
			logger.info("Discovery server forgot " + this.registration + ", registering again");
			countReregistration();
			register();
		}
	}

	private void countReregistration() {
		this.reregistrations.incrementAndGet();
		this.allReregistrations.incrementAndGet();
	}

	private void retryStatus() {
		try {
			setStatus();
		}
		catch (DiscoveryServerException ex) {
			logger.warn("Status change of " + this.registration + " failed again: " + ex.getMessage());
		}
	}

	private boolean register() {
		try {
			this.transport.register(this.registration.form());
			// the form carried the current status
			this.statusPending = false;
			this.registered = true;
			this.lastRenew = this.clock.instant();
			this.lastError = null;
			logger.info("Registered " + this.registration + " as " + this.registration.addrs());
			return true;
		}
		catch (DiscoveryServerException ex) {
			this.registered = false;
			this.lastError = ex.getMessage();
			logger.warn("Registration of " + this.registration + " failed, retrying in " + this.settings.retryInterval()
					+ ": " + ex.getMessage());
			return false;
		}
	}

	private void scheduleNext() {
		if (this.stopped) {
			return;
		}
		Duration delay = (this.registered && !this.renewFailed) ? jittered() : this.settings.retryInterval();
		this.next = this.timer.schedule(this::beat, delay);
	}

	private Duration jittered() {
		long jitter = this.settings.renewJitter().toMillis();
		long offset = (jitter > 0) ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0;
		Duration delay = this.settings.renewInterval().plusMillis(offset);
		return delay.isNegative() ? Duration.ZERO : delay;
	}

}

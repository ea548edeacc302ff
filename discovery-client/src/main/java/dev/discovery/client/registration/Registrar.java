package dev.discovery.client.registration;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.TaskTimer;
import dev.discovery.protocol.InstanceStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The registration lifecycle on the discovery protocol: register then renew, cancel after
 * the renew loop stopped, and statuses {@code UP}/{@code OUT_OF_SERVICE} mapped to
 * {@code /discovery/set} status 1/2. The published status combines the application's
 * readiness and an operator's explicit choice; the operator's {@code OUT_OF_SERVICE} wins
 * over readiness changes until the operator sets {@code UP} again.
 */
public class Registrar {

	/** Status that receives traffic. */
	public static final String UP = "UP";

	/** Status that receives no traffic (bilibili WAITING). */
	public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

	private static final Log logger = LogFactory.getLog(Registrar.class);

	private final DiscoveryTransport transport;

	private final TaskTimer timer;

	private final Clock clock;

	private final HeartbeatSettings settings;

	private final boolean failFast;

	private final Map<String, Registered> heartbeats = new ConcurrentHashMap<>();

	private final AtomicLong reregistrations = new AtomicLong();

	// one status change at a time, so the last one decided is the last one sent
	private final ReentrantLock statusLock = new ReentrantLock();

	/**
	 * Create the registry.
	 * @param transport the transport
	 * @param timer runs the renew loops
	 * @param clock the clock
	 * @param settings renew timing
	 * @param failFast whether a failed first registration is an error
	 */
	public Registrar(DiscoveryTransport transport, TaskTimer timer, Clock clock, HeartbeatSettings settings,
			boolean failFast) {
		this.transport = transport;
		this.timer = timer;
		this.clock = clock;
		this.settings = settings;
		this.failFast = failFast;
	}

	/**
	 * Register an instance and keep it registered until {@link #deregister}: a failed
	 * registration is retried on the renew schedule.
	 * @param registration the instance
	 * @throws IllegalStateException when the registration failed and fail-fast is on
	 */
	public void register(InstanceRegistration registration) {
		Heartbeat heartbeat = new Heartbeat(this.transport, this.timer, this.clock, this.settings, registration,
				this.reregistrations);
		Registered previous = this.heartbeats.put(registration.getInstanceId(),
				new Registered(registration, heartbeat));
		if (previous != null) {
			previous.heartbeat().stop();
		}
		if (!heartbeat.start() && this.failFast) {
			heartbeat.stop();
			this.heartbeats.remove(registration.getInstanceId());
			throw new IllegalStateException("Registration of " + registration + " failed and fail-fast is on");
		}
	}

	/**
	 * Stop renewing an instance and cancel it; a failed cancel is logged (the server
	 * evicts the instance when its lease ends).
	 * @param registration the instance
	 */
	public void deregister(InstanceRegistration registration) {
		Registered registered = this.heartbeats.remove(registration.getInstanceId());
		if (registered == null) {
			return;
		}
		// no renew may run after the cancel, or it would register the instance again
		registered.heartbeat().stop();
		try {
			this.transport.cancel(registration.key());
			logger.info("Deregistered " + registration);
		}
		catch (DiscoveryServerException ex) {
			logger.warn("Deregistration of " + registration + " failed; the server will evict it: " + ex.getMessage());
		}
	}

	/**
	 * Set the status on an operator's behalf, such as through the actuator
	 * {@code serviceregistry} endpoint. {@code OUT_OF_SERVICE} (also {@code DOWN} or
	 * {@code WAITING}) stays in force whatever the readiness state does; {@code UP} lifts
	 * it. A change that no node accepted is retried with the next renew.
	 * @param registration the registration
	 * @param status {@code UP} or {@code OUT_OF_SERVICE}
	 * @throws DiscoveryServerException when no node accepted the change now
	 */
	public void setStatus(InstanceRegistration registration, String status) {
		boolean up = switch (status.toUpperCase(Locale.ROOT)) {
			case UP -> true;
			case OUT_OF_SERVICE, "DOWN", "WAITING" -> false;
			default -> throw new IllegalArgumentException(
					"Unknown status '" + status + "', expected " + UP + " or " + OUT_OF_SERVICE);
		};
		this.statusLock.lock();
		try {
			registration.operatorStatus(up);
			send(registration);
			logger.info("Status of " + registration + " set to " + status);
		}
		finally {
			this.statusLock.unlock();
		}
	}

	/**
	 * Follow the application's readiness: WAITING while it refuses traffic, UP when it
	 * accepts traffic, unless an operator set the instance out of service. A change that
	 * no node accepted is logged and retried with the next renew.
	 * @param registration the registration
	 * @param acceptingTraffic whether the application accepts traffic
	 */
	public void setReadiness(InstanceRegistration registration, boolean acceptingTraffic) {
		this.statusLock.lock();
		try {
			int before = registration.status();
			registration.readiness(acceptingTraffic);
			if (registration.status() != before && send(registration)) {
				logger.info("Status of " + registration + " set to " + statusName(registration.status())
						+ " as the application " + (acceptingTraffic ? "accepts" : "refuses") + " traffic");
			}
		}
		catch (DiscoveryServerException ex) {
			logger
				.warn("Status change of " + registration + " failed, retrying with the next renew: " + ex.getMessage());
		}
		finally {
			this.statusLock.unlock();
		}
	}

	/**
	 * Send the registration again after its published metadata changed; before the first
	 * registration nothing is sent, as the register request will carry it.
	 * @param registration the registration
	 */
	public void metadataChanged(InstanceRegistration registration) {
		Registered registered = this.heartbeats.get(registration.getInstanceId());
		if (registered != null && registered.registration() == registration) {
			registered.heartbeat().registerAgain();
		}
	}

	// before the registration, the register request carries the status
	private boolean send(InstanceRegistration registration) {
		Registered registered = this.heartbeats.get(registration.getInstanceId());
		if (registered != null && registered.registration() == registration) {
			registered.heartbeat().sendStatus();
			return true;
		}
		return false;
	}

	/**
	 * The published status of an instance.
	 * @param registration the instance
	 * @return {@link #UP} or {@link #OUT_OF_SERVICE}
	 */
	public String getStatus(InstanceRegistration registration) {
		return statusName(registration.status());
	}

	/**
	 * Renew every registration now, such as when polls reached a server again after
	 * failing: a server that restarted empty answers -404 and each instance registers
	 * again at once (docs/client.md, "Server restarts").
	 */
	public void renewNow() {
		this.heartbeats.values().forEach((registered) -> registered.heartbeat().renewSoon());
	}

	/**
	 * How often a registration was sent again because a server had forgotten it (a renew
	 * or set answered -404), since this registry was created.
	 * @return the count
	 */
	public long reregistrations() {
		return this.reregistrations.get();
	}

	/**
	 * The state of every registration made through this registry.
	 * @return the states
	 */
	public List<RegistrationState> states() {
		return this.heartbeats.values().stream().map(Registered::state).toList();
	}

	/**
	 * The Spring Cloud name of a wire status.
	 * @param status 1 (UP) or another status
	 * @return {@link #UP} or {@link #OUT_OF_SERVICE}
	 */
	public static String statusName(int status) {
		return (status == InstanceStatus.UP) ? UP : OUT_OF_SERVICE;
	}

	private record Registered(InstanceRegistration registration, Heartbeat heartbeat) {

		RegistrationState state() {
			return new RegistrationState(this.registration.getServiceId(), this.registration.getInstanceId(),
					this.registration.addrs(), statusName(this.registration.status()), this.heartbeat.isRegistered(),
					this.heartbeat.lastRenew(), this.heartbeat.lastError(), this.heartbeat.reregistrations());
		}

	}

}

package dev.discovery.client.registration;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.discovery.client.transport.DiscoveryServerException;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.protocol.InstanceStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.scheduling.TaskScheduler;

/**
 * {@link ServiceRegistry} on the discovery protocol: register then renew, cancel after
 * the renew loop stopped, and statuses {@code UP}/{@code OUT_OF_SERVICE} mapped to
 * {@code /discovery/set} status 1/2.
 */
public class DiscoveryServiceRegistry implements ServiceRegistry<DiscoveryRegistration> {

	/** Status that receives traffic. */
	public static final String UP = "UP";

	/** Status that receives no traffic (bilibili WAITING). */
	public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

	private static final Log logger = LogFactory.getLog(DiscoveryServiceRegistry.class);

	private final DiscoveryTransport transport;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final HeartbeatSettings settings;

	private final boolean failFast;

	private final Map<String, Registered> heartbeats = new ConcurrentHashMap<>();

	/**
	 * Create the registry.
	 * @param transport the transport
	 * @param scheduler scheduler of the renew loops
	 * @param clock the clock
	 * @param settings renew timing
	 * @param failFast whether a failed first registration is an error
	 */
	public DiscoveryServiceRegistry(DiscoveryTransport transport, TaskScheduler scheduler, Clock clock,
			HeartbeatSettings settings, boolean failFast) {
		this.transport = transport;
		this.scheduler = scheduler;
		this.clock = clock;
		this.settings = settings;
		this.failFast = failFast;
	}

	@Override
	public void register(DiscoveryRegistration registration) {
		Heartbeat heartbeat = new Heartbeat(this.transport, this.scheduler, this.clock, this.settings, registration);
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

	@Override
	public void deregister(DiscoveryRegistration registration) {
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

	@Override
	public void close() {
	}

	@Override
	public void setStatus(DiscoveryRegistration registration, String status) {
		int wireStatus = switch (status.toUpperCase(Locale.ROOT)) {
			case UP -> InstanceStatus.UP;
			case OUT_OF_SERVICE, "DOWN", "WAITING" -> InstanceStatus.WAITING;
			default -> throw new IllegalArgumentException(
					"Unknown status '" + status + "', expected " + UP + " or " + OUT_OF_SERVICE);
		};
		this.transport.setStatus(registration.key(), wireStatus);
		registration.status(wireStatus);
		logger.info("Status of " + registration + " set to " + status);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getStatus(DiscoveryRegistration registration) {
		return (T) statusName(registration.status());
	}

	/**
	 * The state of every registration made through this registry.
	 * @return the states
	 */
	public List<RegistrationState> states() {
		return this.heartbeats.values().stream().map(Registered::state).toList();
	}

	static String statusName(int status) {
		return (status == InstanceStatus.UP) ? UP : OUT_OF_SERVICE;
	}

	private record Registered(DiscoveryRegistration registration, Heartbeat heartbeat) {

		RegistrationState state() {
			return new RegistrationState(this.registration.getServiceId(), this.registration.getInstanceId(),
					this.registration.addrs(), statusName(this.registration.status()), this.heartbeat.isRegistered(),
					this.heartbeat.lastRenew(), this.heartbeat.lastError());
		}

	}

}

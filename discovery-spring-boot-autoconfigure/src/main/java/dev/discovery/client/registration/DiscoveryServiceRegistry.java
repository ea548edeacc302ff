package dev.discovery.client.registration;

import java.util.List;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * {@link ServiceRegistry} on the client core's {@link Registrar}: register then renew,
 * cancel after the renew loop stopped, and statuses {@code UP}/{@code OUT_OF_SERVICE}
 * mapped to {@code /discovery/set} status 1/2. The published status combines the
 * application's readiness and an operator's explicit choice; the operator's
 * {@code OUT_OF_SERVICE} wins over readiness changes until the operator sets {@code UP}
 * again.
 */
public class DiscoveryServiceRegistry implements ServiceRegistry<DiscoveryRegistration> {

	/** Status that receives traffic. */
	public static final String UP = Registrar.UP;

	/** Status that receives no traffic (bilibili WAITING). */
	public static final String OUT_OF_SERVICE = Registrar.OUT_OF_SERVICE;

	private final Registrar registrar;

	/**
	 * Create the registry.
	 * @param registrar the core's registration lifecycle
	 */
	public DiscoveryServiceRegistry(Registrar registrar) {
		this.registrar = registrar;
	}

	@Override
	public void register(DiscoveryRegistration registration) {
		this.registrar.register(registration);
	}

	@Override
	public void deregister(DiscoveryRegistration registration) {
		this.registrar.deregister(registration);
	}

	@Override
	public void close() {
	}

	/**
	 * Set the status on an operator's behalf, see {@link Registrar#setStatus}.
	 * @param registration the registration
	 * @param status {@code UP} or {@code OUT_OF_SERVICE}
	 */
	@Override
	public void setStatus(DiscoveryRegistration registration, String status) {
		this.registrar.setStatus(registration, status);
	}

	/**
	 * Follow the application's readiness, see {@link Registrar#setReadiness}.
	 * @param registration the registration
	 * @param acceptingTraffic whether the application accepts traffic
	 */
	public void setReadiness(DiscoveryRegistration registration, boolean acceptingTraffic) {
		this.registrar.setReadiness(registration, acceptingTraffic);
	}

	/**
	 * Send the registration again after its published metadata changed, see
	 * {@link Registrar#metadataChanged}.
	 * @param registration the registration
	 */
	public void metadataChanged(DiscoveryRegistration registration) {
		this.registrar.metadataChanged(registration);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getStatus(DiscoveryRegistration registration) {
		return (T) this.registrar.getStatus(registration);
	}

	/**
	 * How often a registration was sent again because a server had forgotten it.
	 * @return the count
	 */
	public long reregistrations() {
		return this.registrar.reregistrations();
	}

	/**
	 * The state of every registration made through this registry.
	 * @return the states
	 */
	public List<RegistrationState> states() {
		return this.registrar.states();
	}

	/**
	 * The core's registration lifecycle behind this registry.
	 * @return the registrar
	 */
	public Registrar registrar() {
		return this.registrar;
	}

}

package dev.discovery.client.registration;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Publishes the application's readiness as the instance status: UP on
 * {@link ReadinessState#ACCEPTING_TRAFFIC}, WAITING on
 * {@link ReadinessState#REFUSING_TRAFFIC} (which Spring Boot announces when the context
 * starts closing, before the instance is cancelled).
 */
public class ReadinessStatusListener implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

	private final ApplicationContext context;

	private final DiscoveryServiceRegistry registry;

	private final DiscoveryRegistration registration;

	/**
	 * Create the listener.
	 * @param context the application context whose readiness counts
	 * @param registry the registry that sends the status
	 * @param registration the local instance
	 */
	public ReadinessStatusListener(ApplicationContext context, DiscoveryServiceRegistry registry,
			DiscoveryRegistration registration) {
		this.context = context;
		this.registry = registry;
		this.registration = registration;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		// a child context, such as the one of a separate management port, announces its
		// own readiness to its parent's listeners too
		if (event.getSource() instanceof ApplicationContext source && source != this.context) {
			return;
		}
		this.registry.setReadiness(this.registration, event.getState() == ReadinessState.ACCEPTING_TRAFFIC);
	}

}

package dev.discovery.client.discovery;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one place that turns what the client core observes into Spring Cloud events: a
 * {@link HeartbeatEvent} whenever the instances of a cached app or the set of registered
 * apps really changed (so Gateway routes and Spring Boot Admin refresh on change), and,
 * for an application that registers nothing, one {@link InstanceRegisteredEvent} once a
 * server first answered, which initialises Spring Cloud's discovery health indicator.
 * Applications that register get that event from the auto-registration instead.
 */
public class DiscoveryEvents {

	private final ApplicationEventPublisher publisher;

	private final AtomicLong version = new AtomicLong();

	/**
	 * Create the publisher.
	 * @param publisher where the events go
	 */
	public DiscoveryEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Publish a {@link HeartbeatEvent} after every real change of the cache or the
	 * catalog.
	 * @param instances the lookups whose cache changes
	 * @param catalog the list of registered apps
	 */
	public void follow(DiscoveryInstances instances, ServiceCatalog catalog) {
		instances.addListener((appid, changed) -> heartbeat());
		catalog.onChange((apps) -> heartbeat());
	}

	/**
	 * Publish the {@link InstanceRegisteredEvent} of an application that registers
	 * nothing, once a server first answered.
	 * @param configuration what the event carries as configuration
	 */
	public void initialized(Object configuration) {
		this.publisher.publishEvent(new InstanceRegisteredEvent<>(this, configuration));
	}

	private void heartbeat() {
		this.publisher.publishEvent(new HeartbeatEvent(this, this.version.incrementAndGet()));
	}

}

package dev.discovery.client.actuator;

import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.discovery.PollStatus;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.RegistrationState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the discovery client: DOWN while the long poll fails on every attempt or the
 * registration is not accepted; the cached instances keep being served meanwhile.
 */
public class DiscoveryHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable InstancePoller poller;

	private final @Nullable DiscoveryServiceRegistry registry;

	/**
	 * Create the indicator.
	 * @param poller the poll loop, {@code null} when discovery is off
	 * @param registry the registry, {@code null} when registration is off
	 */
	public DiscoveryHealthIndicator(@Nullable InstancePoller poller, @Nullable DiscoveryServiceRegistry registry) {
		super("Discovery health check failed");
		this.poller = poller;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		if (this.poller != null) {
			PollStatus status = this.poller.status();
			builder.withDetail("node", status.currentNode().toString());
			builder.withDetail("consecutivePollFailures", status.consecutiveFailures());
			if (status.lastError() != null) {
				builder.withDetail("lastPollError", status.lastError());
			}
			// one failure is retried at once; two in a row mean the servers are
			// unreachable
			up = status.consecutiveFailures() < 2;
		}
		if (this.registry != null) {
			for (RegistrationState state : this.registry.states()) {
				builder.withDetail("registration", state.appid() + "/" + state.hostname() + " " + state.status());
				up &= state.registered();
			}
		}
		if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}

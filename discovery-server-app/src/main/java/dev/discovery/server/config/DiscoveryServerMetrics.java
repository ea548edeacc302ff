package dev.discovery.server.config;

import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.service.ReadGate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges an operator watches: registry size, parked polls, self-preservation state and
 * startup protection.
 */
final class DiscoveryServerMetrics implements MeterBinder {

	private final Registry registry;

	private final PollHub hub;

	private final ReadGate gate;

	DiscoveryServerMetrics(Registry registry, PollHub hub, ReadGate gate) {
		this.registry = registry;
		this.hub = hub;
		this.gate = gate;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		SelfPreservationGuard guard = this.registry.guard();
		Gauge.builder("discovery.registry.instances", this.registry, Registry::size)
			.description("Registered instances, all apps, envs and zones")
			.register(meters);
		Gauge.builder("discovery.registry.apps", this.registry, (r) -> r.appKeys().size())
			.description("Apps (env and appid) with at least one instance")
			.register(meters);
		Gauge.builder("discovery.polls.parked", this.hub, PollHub::parkedCount)
			.description("Long polls waiting for a change")
			.register(meters);
		Gauge.builder("discovery.guard.protected", guard, (g) -> g.isProtected() ? 1 : 0)
			.description("1 while self-preservation suspends eviction")
			.register(meters);
		Gauge.builder("discovery.guard.renews.last.minute", guard, SelfPreservationGuard::renewsLastMinute)
			.description("Renews counted in the last closed minute")
			.register(meters);
		Gauge.builder("discovery.guard.renews.threshold", guard, SelfPreservationGuard::threshold)
			.description("Renews per minute needed to stay out of self-preservation")
			.register(meters);
		Gauge.builder("discovery.startup.protected", this.gate, (g) -> g.isOpen() ? 0 : 1)
			.description("1 while startup protection refuses reads")
			.register(meters);
	}

}

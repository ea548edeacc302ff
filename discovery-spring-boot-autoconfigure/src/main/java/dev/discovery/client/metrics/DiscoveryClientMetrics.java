package dev.discovery.client.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.discovery.client.discovery.CachedApp;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.transport.DiscoveryNodes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauges and counters of the discovery client's state: the cache, the age of the last
 * poll answer, the server node in use and re-registrations after a server forgot the
 * instance. Parts that are switched off (discovery or registration) have no meters.
 */
public class DiscoveryClientMetrics implements MeterBinder {

	private final DiscoveryNodes nodes;

	private final @Nullable InstanceCache cache;

	private final @Nullable InstancePoller poller;

	private final @Nullable DiscoveryServiceRegistry registry;

	private final Clock clock;

	/**
	 * Create the meters' source.
	 * @param nodes the server nodes
	 * @param cache the instance cache, {@code null} when discovery is off
	 * @param poller the poll loop, {@code null} when discovery is off
	 * @param registry the service registry, {@code null} when registration is off
	 * @param clock the clock the poll answer age is measured with
	 */
	public DiscoveryClientMetrics(DiscoveryNodes nodes, @Nullable InstanceCache cache, @Nullable InstancePoller poller,
			@Nullable DiscoveryServiceRegistry registry, Clock clock) {
		this.nodes = nodes;
		this.cache = cache;
		this.poller = poller;
		this.registry = registry;
		this.clock = clock;
	}

	// each builder call starts on the line of its meter name, so that the docs check
	// finds the name
	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("discovery.client.node.index", this.nodes, DiscoveryNodes::currentIndex)
			.description("Position of the node in use in the list of nodes tried in order")
			.register(meters);
		FunctionCounter.builder("discovery.client.node.changes", this.nodes, DiscoveryNodes::changes)
			.description("Changes of the node in use, after failures, rotations or a new node list")
			.register(meters);
		InstanceCache instanceCache = this.cache;
		if (instanceCache != null) {
			Gauge.builder("discovery.client.cache.apps", instanceCache, (cached) -> cached.appids().size())
				.description("Apps in the instance cache")
				.register(meters);
			Gauge.builder("discovery.client.cache.instances", instanceCache, DiscoveryClientMetrics::instances)
				.description("UP instances in the instance cache, all apps together")
				.register(meters);
		}
		InstancePoller instancePoller = this.poller;
		if (instancePoller != null) {
			TimeGauge.builder("discovery.client.poll.staleness", instancePoller, TimeUnit.SECONDS, this::answerAge)
				.description("Time since a node last answered a poll (NaN before the first answer)")
				.register(meters);
		}
		DiscoveryServiceRegistry registry = this.registry;
		if (registry != null) {
			bindRegistration(meters, registry);
		}
	}

	private static void bindRegistration(MeterRegistry meters, DiscoveryServiceRegistry registry) {
		FunctionCounter.builder("discovery.client.reregistrations", registry, DiscoveryServiceRegistry::reregistrations)
			.description("Registrations sent again because a server answered -404 (it forgot the instance)")
			.register(meters);
	}

	private static double instances(InstanceCache cache) {
		long count = 0;
		for (String appid : cache.appids()) {
			count += cache.get(appid).map(CachedApp::instances).map(List::size).orElse(0);
		}
		return count;
	}

	private double answerAge(InstancePoller poller) {
		Instant answered = poller.health().lastPollAnswer();
		if (answered == null) {
			return Double.NaN;
		}
		return Math.max(0, Duration.between(answered, this.clock.instant()).toNanos() / 1e9);
	}

}

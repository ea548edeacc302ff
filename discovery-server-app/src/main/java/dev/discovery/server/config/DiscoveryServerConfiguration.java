package dev.discovery.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.server.api.CatalogRoutes;
import dev.discovery.server.api.CanonicalRequestFilter;
import dev.discovery.server.api.ClientErrorHandler;
import dev.discovery.server.api.DiscoveryRoutes;
import dev.discovery.server.api.MalformedRequestGuard;
import dev.discovery.server.api.RequestLimits;
import dev.discovery.server.api.SchedulerSource;
import dev.discovery.server.api.TrustBoundary;
import dev.discovery.server.polling.CatalogHub;
import dev.discovery.server.polling.PollHub;
import dev.discovery.server.registry.Evictor;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.Tombstones;
import dev.discovery.server.registry.VersionClock;
import dev.discovery.server.registry.SelfPreservationGuard;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.Replicator;
import dev.discovery.server.service.CatalogService;
import dev.discovery.server.service.ClusterView;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.EvictionSchedule;
import dev.discovery.server.service.PollService;
import dev.discovery.server.service.ReadGate;
import dev.discovery.server.service.SelfRegistration;
import io.micrometer.observation.ObservationPredicate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the registry, polling, replication, service and HTTP layers of one node.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryServerProperties.class)
@Import(ReplicationConfiguration.class)
public class DiscoveryServerConfiguration {

	private static final Log logger = LogFactory.getLog(DiscoveryServerConfiguration.class);

	/**
	 * The time source of the registry; a test declares a {@code @Primary} clock of its
	 * own.
	 */
	@Bean
	Clock discoveryClock() {
		return Clock.systemUTC();
	}

	@Bean
	ThreadPoolTaskScheduler discoveryTaskScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("discovery-timer-");
		scheduler.setClock(clock);
		return scheduler;
	}

	@Bean
	ThreadPoolTaskExecutor discoveryBroadcaster() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		// One thread keeps wake-ups of an app in change order; completing parked polls is
		// cheap because answers are pre-serialized per change.
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("discovery-broadcast-");
		return executor;
	}

	@Bean
	SelfPreservationGuard selfPreservationGuard(DiscoveryServerProperties properties) {
		return new SelfPreservationGuard(properties.getEviction().getRenewalPercentThreshold());
	}

	@Bean
	Registry registry(SelfPreservationGuard guard) {
		return new Registry(guard);
	}

	@Bean
	Evictor evictor(Registry registry, Clock clock, DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Eviction eviction = properties.getEviction();
		return new Evictor(registry, clock, new Random(), eviction.getLeaseDuration(), eviction.getMaxSilence(),
				eviction.getRenewalPercentThreshold());
	}

	@Bean
	EvictionSchedule evictionSchedule(Evictor evictor, Registry registry, TaskScheduler discoveryTaskScheduler,
			DiscoveryServerProperties properties) {
		return new EvictionSchedule(evictor, registry, discoveryTaskScheduler, properties.getEviction().getInterval(),
				properties.getEviction().getExpectedResetInterval());
	}

	@Bean
	PollHub pollHub(Registry registry, TaskExecutor discoveryBroadcaster) {
		return new PollHub(registry, discoveryBroadcaster);
	}

	@Bean
	CatalogHub catalogHub(Registry registry, TaskExecutor discoveryBroadcaster, Clock clock) {
		return new CatalogHub(registry, discoveryBroadcaster, clock);
	}

	@Bean
	CatalogService catalogService(CatalogHub hub, ReadGate gate) {
		return new CatalogService(hub, gate);
	}

	// Ahead of the discovery routes, whose catch-all answers 404 under /discovery/.
	@Bean
	@Order(0)
	RouterFunction<ServerResponse> catalogRoutes(CatalogService service, JsonMapper mapper,
			DiscoveryServerProperties properties) {
		return new CatalogRoutes(service, mapper, properties.getPollTimeout()).routes();
	}

	@Bean
	LastWriteWins lastWriteWins(Registry registry, Clock clock, DiscoveryServerProperties properties) {
		DiscoveryServerProperties.Replication replication = properties.getReplication();
		return new LastWriteWins(registry,
				new Tombstones(clock, replication.getTombstoneRetention(), replication.getTombstoneCapacity()),
				new VersionClock(clock));
	}

	@Bean
	DiscoveryService discoveryService(Registry registry, LastWriteWins writes, Replicator replicator, Clock clock) {
		return new DiscoveryService(registry, writes, replicator, clock);
	}

	@Bean
	ReadGate readGate(DiscoveryServerProperties properties, TaskScheduler discoveryTaskScheduler) {
		// With peers configured, reads also wait for the startup sync (StartupSync opens
		// the gate), so a restarted node never serves an empty registry.
		boolean closedAtStart = properties.isEnableProtect() || ReplicationConfiguration.hasPeers(properties);
		return new ReadGate(closedAtStart, discoveryTaskScheduler, properties.getProtectTimeout());
	}

	@Bean
	SelfRegistration selfRegistration(DiscoveryService service, ClusterNodes nodes,
			TaskScheduler discoveryTaskScheduler, DiscoveryServerProperties properties, ServerProperties server,
			ApplicationContext context) {
		SelfRegistration.Identity identity = new SelfRegistration.Identity(properties.getRegion(), properties.getZone(),
				properties.getEnv(), host(properties));
		return new SelfRegistration(service, nodes, discoveryTaskScheduler, identity,
				() -> advertisedAddress(properties, server, context), properties.getSelfRenewInterval());
	}

	@Bean
	SchedulerSource schedulerSource(DiscoveryServerProperties properties, JsonMapper mapper) {
		return SchedulerFiles.load(properties.getSchedulerDir(), mapper);
	}

	@Bean
	PollService pollService(PollHub hub, Registry registry) {
		return new PollService(hub, registry);
	}

	@Bean
	ClusterView clusterView(ClusterNodes nodes) {
		return new ClusterView(nodes);
	}

	@Bean
	RouterFunction<ServerResponse> discoveryRoutes(DiscoveryService service, PollService polls, ClusterView nodes,
			ReadGate gate, JsonMapper mapper, SchedulerSource schedulers, DiscoveryServerProperties properties,
			TrustBoundary trust) {
		DiscoveryServerProperties.Limits limits = properties.getLimits();
		RequestLimits requestLimits = new RequestLimits(limits.getMaxStringLength(), limits.getMaxMetadataLength(),
				limits.getMaxAddrs(), limits.getMaxAppids());
		return new DiscoveryRoutes(service, polls, nodes, gate, mapper, schedulers, requestLimits,
				properties.getPollTimeout(), trust)
			.routes();
	}

	/**
	 * Every connection gets its own guard (it tracks the connection's pipelined requests
	 * and the read timeout of the request being received).
	 */
	@Bean
	NettyServerCustomizer malformedRequestGuard(DiscoveryServerProperties properties) {
		long maxBody = properties.getLimits().getMaxBodySize().toBytes();
		Duration readTimeout = properties.getLimits().getReadTimeout();
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				MalformedRequestGuard guard = new MalformedRequestGuard(maxBody, readTimeout);
				channel.pipeline()
					.addBefore(NettyPipeline.HttpCodec, MalformedRequestGuard.WATCHER_NAME, guard.startWatcher())
					.addAfter(NettyPipeline.HttpCodec, MalformedRequestGuard.NAME, guard);
			}
		});
	}

	/**
	 * Runs before every other web filter, the replication secret check included.
	 */
	@Bean
	CanonicalRequestFilter canonicalRequestFilter() {
		return new CanonicalRequestFilter();
	}

	@Bean
	ClientErrorHandler clientErrorHandler() {
		return new ClientErrorHandler();
	}

	@Bean
	DiscoveryServerHealthIndicator discoveryServerHealthIndicator(Registry registry, PollHub hub, ReadGate gate,
			ClusterNodes nodes) {
		return new DiscoveryServerHealthIndicator(registry, hub, gate, nodes);
	}

	/**
	 * Leaves long polls out of {@code http.server.requests}: a 30 s hold is not a slow
	 * request, and thousands of them would drown the latency of every other route.
	 * {@code discovery.polls.parked} counts them instead.
	 */
	@Bean
	ObservationPredicate longPollsAreNotObserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getPath().value().startsWith(DiscoveryApi.POLL));
	}

	@Bean
	DiscoveryServerMetrics discoveryServerMetrics(Registry registry, PollHub hub, ReadGate gate) {
		return new DiscoveryServerMetrics(registry, hub, gate);
	}

	static String host(DiscoveryServerProperties properties) {
		if (properties.getHost() != null && !properties.getHost().isBlank()) {
			return properties.getHost();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	static String advertisedAddress(DiscoveryServerProperties properties, ServerProperties server,
			ApplicationContext context) {
		if (properties.getAdvertiseAddress() != null && !properties.getAdvertiseAddress().isBlank()) {
			return properties.getAdvertiseAddress();
		}
		int port = (context instanceof WebServerApplicationContext web && web.getWebServer() != null)
				? web.getWebServer().getPort() : ((server.getPort() != null) ? server.getPort() : 7171);
		InetAddress bound = server.getAddress();
		String host = (bound != null && !bound.isAnyLocalAddress()) ? bound.getHostAddress() : "127.0.0.1";
		if ("127.0.0.1".equals(host)) {
			logger.warn("Advertising " + host + ":" + port + "; set discovery.server.advertise-address to the "
					+ "routable ip:port when clients or peers run on other hosts");
		}
		return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
	}

}

package dev.discovery.client;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.discovery.client.discovery.DiscoveredInstance;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.discovery.InstancesWatcher;
import dev.discovery.client.discovery.PollHealth;
import dev.discovery.client.discovery.PollerSettings;
import dev.discovery.client.registration.HeartbeatSettings;
import dev.discovery.client.registration.InstanceRegistration;
import dev.discovery.client.registration.LocalInstance;
import dev.discovery.client.registration.Registrar;
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.client.transport.TaskTimer;

/**
 * A discovery client for plain Java programs, in the spirit of kratos'
 * {@code discovery.New}: registers instances ({@link #register}), looks apps up
 * ({@link #instances}) and watches them ({@link #watch}) through one long poll. Without
 * Spring Boot; the starter wires the same parts as beans instead.
 */
public final class Discovery implements AutoCloseable {

	private final DiscoveryConfig config;

	private final ScheduledThreadPoolExecutor pollThread = daemon("discovery-poll");

	private final ScheduledThreadPoolExecutor renewThread = daemon("discovery-renew");

	private final InstancePoller poller;

	private final DiscoveryInstances instances;

	private final Registrar registrar;

	private final Map<String, InstanceRegistration> registrations = new ConcurrentHashMap<>();

	private Discovery(DiscoveryConfig config) {
		this.config = config;
		Clock clock = Clock.systemUTC();
		DiscoveryNodes nodes = new DiscoveryNodes(config.nodes(), config.zone(), config.nodeRotationInterval(), clock,
				new Random());
		DiscoveryTransport transport = new DiscoveryTransport(
				DiscoveryHttpApiFactory.create(config.connectTimeout(), config.readTimeout(), DiscoveryJson.mapper()),
				nodes, DiscoveryJson.mapper());
		InstanceCache cache = new InstanceCache(config.keepLastNonEmpty());
		this.poller = new InstancePoller(transport, cache, TaskTimer.of(this.pollThread), new PollHealth(clock),
				new PollerSettings(config.env(), config.hostname(), config.pollErrorBackoff(), List.of()));
		this.instances = new DiscoveryInstances(transport, cache, this.poller, config.env());
		this.registrar = new Registrar(transport, TaskTimer.of(this.renewThread), clock,
				new HeartbeatSettings(config.renewInterval(), config.renewJitter(), config.retryInterval()), false);
		// a server that answers polls again may have restarted empty: renew to find out
		this.poller.onRejoin(this.registrar::renewNow);
	}

	/**
	 * Start a client; its long poll runs until {@link #close()}.
	 * @param config the settings
	 * @return the client
	 */
	public static Discovery create(DiscoveryConfig config) {
		Discovery discovery = new Discovery(config);
		discovery.poller.start();
		return discovery;
	}

	/**
	 * Start a client configured by {@link DiscoveryConfig#fromEnvironment()}.
	 * @return the client
	 */
	public static Discovery fromEnvironment() {
		return create(DiscoveryConfig.fromEnvironment());
	}

	/**
	 * The settings of this client.
	 * @return the settings
	 */
	public DiscoveryConfig config() {
		return this.config;
	}

	/**
	 * The UP instances of an app in this client's env; the first call fetches it, later
	 * calls answer from the cache. Never throws.
	 * @param appid the app
	 * @return its instances
	 */
	public List<DiscoveredInstance> instances(String appid) {
		return this.instances.instances(appid);
	}

	/**
	 * Watch an app: the watcher gets its instances now and after every change.
	 * @param appid the app
	 * @param watcher told the instances, on the poll thread
	 * @return closes the watch
	 */
	public DiscoveryInstances.Watch watch(String appid, InstancesWatcher watcher) {
		return this.instances.watch(appid, watcher);
	}

	/**
	 * The lookups behind {@link #instances} and {@link #watch}.
	 * @return the lookups
	 */
	public DiscoveryInstances lookups() {
		return this.instances;
	}

	/**
	 * Register an instance as UP and keep it registered until {@link #cancel} or
	 * {@link #close()}; a failed registration is retried.
	 * @param instance the instance, such as from {@link DiscoveryConfig#instance}
	 * @return the registration
	 */
	public InstanceRegistration register(LocalInstance instance) {
		InstanceRegistration registration = new InstanceRegistration(instance);
		this.registrar.register(registration);
		this.registrations.put(registration.getInstanceId(), registration);
		return registration;
	}

	/**
	 * Publish a registration as UP or as WAITING (no traffic).
	 * @param registration the registration
	 * @param up whether it takes traffic
	 */
	public void setStatus(InstanceRegistration registration, boolean up) {
		this.registrar.setStatus(registration, up ? Registrar.UP : Registrar.OUT_OF_SERVICE);
	}

	/**
	 * Cancel a registration.
	 * @param registration the registration
	 */
	public void cancel(InstanceRegistration registration) {
		this.registrations.remove(registration.getInstanceId());
		this.registrar.deregister(registration);
	}

	/**
	 * The registrar behind {@link #register}, for status snapshots.
	 * @return the registrar
	 */
	public Registrar registrar() {
		return this.registrar;
	}

	/**
	 * Cancel every registration and stop polling.
	 */
	@Override
	public void close() {
		this.registrations.values().forEach(this::cancel);
		this.poller.stop();
		this.pollThread.shutdownNow();
		this.renewThread.shutdownNow();
	}

	private static ScheduledThreadPoolExecutor daemon(String name) {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}

package dev.discovery.client.registration;

import java.time.Clock;
import java.time.Duration;

import dev.discovery.client.transport.InstanceMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Registers the application once its web server has a port, and deregisters it when the
 * context closes <em>before</em> the web server's graceful shutdown drains requests: its
 * lifecycle phase is above that of {@code WebServerGracefulShutdownLifecycle}, so it
 * stops earlier. After the cancel it optionally waits a drain delay, so consumers learn
 * about it while the web server still accepts requests.
 */
public class DiscoveryAutoServiceRegistration extends AbstractAutoServiceRegistration<DiscoveryRegistration>
		implements SmartLifecycle {

	/**
	 * Between {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}
	 * ({@code DEFAULT_PHASE - 1024}) and the default phase.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final String MANAGEMENT_NAMESPACE = "management";

	private final DiscoveryServiceRegistry serviceRegistry;

	private final DiscoveryRegistration registration;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration drainDelay;

	/**
	 * Create the auto-registration.
	 * @param context the application context
	 * @param serviceRegistry the registry
	 * @param properties Spring Cloud's auto-registration properties
	 * @param registration the local instance
	 * @param scheduler scheduler for the drain delay
	 * @param clock the clock
	 * @param drainDelay how long to wait after the cancel before the web server drains
	 */
	public DiscoveryAutoServiceRegistration(ApplicationContext context, DiscoveryServiceRegistry serviceRegistry,
			AutoServiceRegistrationProperties properties, DiscoveryRegistration registration, TaskScheduler scheduler,
			Clock clock, Duration drainDelay) {
		super(context, serviceRegistry, properties);
		this.serviceRegistry = serviceRegistry;
		this.registration = registration;
		this.scheduler = scheduler;
		this.clock = clock;
		this.drainDelay = drainDelay;
	}

	/**
	 * Register on the main web server's event; publish the port of a separate management
	 * server (the {@code management} namespace) as {@code management.port} metadata,
	 * registering again when the instance was already registered without it.
	 * @param event the event of a web server that started
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext() instanceof ConfigurableWebServerApplicationContext context
				&& MANAGEMENT_NAMESPACE.equals(context.getServerNamespace())) {
			if (this.registration.putMetadata(InstanceMetadata.MANAGEMENT_PORT,
					Integer.toString(event.getWebServer().getPort()))) {
				this.serviceRegistry.metadataChanged(this.registration);
			}
			return;
		}
		super.onApplicationEvent(event);
	}

	@Override
	@SuppressWarnings("deprecation")
	protected void register() {
		this.registration.initializePort(getPort().get());
		super.register();
	}

	@Override
	protected DiscoveryRegistration getRegistration() {
		return this.registration;
	}

	@Override
	protected @Nullable DiscoveryRegistration getManagementRegistration() {
		return null;
	}

	@Override
	protected boolean isEnabled() {
		return true;
	}

	@Override
	@Deprecated
	protected Object getConfiguration() {
		return this.registration;
	}

	/**
	 * Started by the {@code WebServerInitializedEvent}, not by the context refresh: the
	 * port is unknown before.
	 * @return {@code false}
	 */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void stop(Runnable callback) {
		boolean wasRunning = isRunning();
		stop();
		if (wasRunning && !this.drainDelay.isZero() && !this.drainDelay.isNegative()) {
			this.scheduler.schedule(callback, this.clock.instant().plus(this.drainDelay));
		}
		else {
			callback.run();
		}
	}

}

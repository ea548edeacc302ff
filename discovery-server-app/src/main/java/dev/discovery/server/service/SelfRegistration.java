package dev.discovery.server.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.lifecycle.ServerPhases;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.replication.ClusterNodes;
import dev.discovery.server.replication.Origin;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Registers this node as {@code infra.discovery} once it listens, renews every 30 s and
 * cancels on shutdown (docs/wire-protocol.md §5.10). Go clients block at start until they
 * see such an instance, so this is not optional.
 */
public final class SelfRegistration implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SelfRegistration.class);

	private final DiscoveryService service;

	private final ClusterNodes nodes;

	private final TaskScheduler scheduler;

	private final Identity identity;

	private final Supplier<String> advertisedAddress;

	private final Duration renewInterval;

	private volatile @Nullable Instance self;

	private volatile @Nullable ScheduledFuture<?> renewer;

	/**
	 * Creates the self-registration.
	 * @param service applies and replicates the register, renew and cancel
	 * @param nodes learns this node's advertised address
	 * @param scheduler runs the renews
	 * @param identity region, zone, env and host of this node
	 * @param advertisedAddress {@code host:port} clients and peers reach this node at;
	 * resolved at start, when the port is known
	 * @param renewInterval time between renews
	 */
	public SelfRegistration(DiscoveryService service, ClusterNodes nodes, TaskScheduler scheduler, Identity identity,
			Supplier<String> advertisedAddress, Duration renewInterval) {
		this.service = service;
		this.nodes = nodes;
		this.scheduler = scheduler;
		this.identity = identity;
		this.advertisedAddress = advertisedAddress;
		this.renewInterval = renewInterval;
	}

	@Override
	public void start() {
		String address = this.advertisedAddress.get();
		this.nodes.bind(address);
		Instance instance = new Instance(this.identity.region(), this.identity.zone(), this.identity.env(),
				DiscoveryApi.SELF_APPID, this.identity.host(), List.of("http://" + address), "", null,
				InstanceStatus.UP, 0, 0, 0, 0, 0);
		this.self = instance;
		this.service.register(instance, Origin.CLIENT);
		this.renewer = this.scheduler.scheduleWithFixedDelay(this::renew, this.renewInterval);
		logger.info("Registered as " + DiscoveryApi.SELF_APPID + " " + this.identity.host() + " at http://" + address
				+ " (zone " + this.identity.zone() + ", env " + this.identity.env() + ")");
	}

	void renew() {
		Instance instance = this.self;
		if (instance == null) {
			return;
		}
		AppKey key = new AppKey(instance.env(), instance.appid());
		if (this.service.renew(key, instance.zone(), instance.hostname(), 0, Origin.CLIENT)
			.code() == ErrorCode.NOTHING_FOUND) {
			// Evicted or cancelled: register a fresh record (all timestamps now), not the
			// stale one the reference re-registers (D23).
			this.service.register(instance, Origin.CLIENT);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> task = this.renewer;
		if (task != null) {
			task.cancel(false);
		}
		Instance instance = this.self;
		if (instance != null) {
			this.service.cancel(new AppKey(instance.env(), instance.appid()), instance.zone(), instance.hostname(), 0,
					0, Origin.CLIENT);
			this.self = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.self != null;
	}

	/**
	 * Starts last, once the web server listens, and stops first.
	 */
	@Override
	public int getPhase() {
		return ServerPhases.SELF_REGISTRATION;
	}

	/**
	 * Who this node is.
	 *
	 * @param region region of the node
	 * @param zone zone of the node
	 * @param env deploy environment clients poll with
	 * @param host hostname of the node
	 */
	public record Identity(String region, String zone, String env, String host) {

	}

}

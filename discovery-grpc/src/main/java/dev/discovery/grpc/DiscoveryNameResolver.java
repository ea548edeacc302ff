package dev.discovery.grpc;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.discovery.client.discovery.DiscoveredInstance;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.transport.InstanceMetadata;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code discovery:///<appid>} to the {@code grpc://host:port} addresses of the
 * app's UP instances in the client's env, as the discovery cache holds them: pushed to
 * the channel on every change the long poll brings, never polled. Instances of the
 * client's own zone are used while there is one; other zones only when the own zone has
 * none. Each address carries the instance's {@code weight} metadata in {@link #WEIGHT},
 * and the resolution selects the {@value WeightedRoundRobinLoadBalancerProvider#POLICY}
 * policy that honours it. During a registry outage the cache, and so the channel, keeps
 * the last known addresses.
 */
public final class DiscoveryNameResolver extends NameResolver {

	/** Weight of an address, from the instance's {@code weight} metadata. */
	public static final Attributes.Key<Integer> WEIGHT = Attributes.Key.create("dev.discovery.grpc.weight");

	/** Zone of the instance behind an address. */
	public static final Attributes.Key<String> ZONE = Attributes.Key.create("dev.discovery.grpc.zone");

	/** Weight of an instance without a usable {@code weight} metadata. */
	public static final int DEFAULT_WEIGHT = InstanceMetadata.DEFAULT_WEIGHT;

	private static final String GRPC_SCHEME = "grpc";

	private final String appid;

	private final String zone;

	private final DiscoveryInstances instances;

	private final SynchronizationContext syncContext;

	private final @Nullable Executor offloadExecutor;

	private final NameResolver.@Nullable ConfigOrError serviceConfig;

	private @Nullable Listener2 listener;

	private DiscoveryInstances.@Nullable Watch watch;

	private boolean shutdown;

	DiscoveryNameResolver(String appid, String zone, DiscoveryInstances instances, Args args) {
		this.appid = appid;
		this.zone = zone;
		this.instances = instances;
		this.syncContext = args.getSynchronizationContext();
		this.offloadExecutor = args.getOffloadExecutor();
		this.serviceConfig = args.getServiceConfigParser()
			.parseServiceConfig(Map.of("loadBalancingConfig",
					List.of(Map.of(WeightedRoundRobinLoadBalancerProvider.POLICY, Map.of()))));
	}

	@Override
	public String getServiceAuthority() {
		return this.appid;
	}

	@Override
	public void start(Listener2 listener) {
		this.listener = listener;
		// the first lookup of an app may fetch it over HTTP: not on the channel's thread
		Runnable subscribe = () -> {
			DiscoveryInstances.Watch started = this.instances.watch(this.appid, this::changed);
			this.syncContext.execute(() -> {
				if (this.shutdown) {
					started.close();
				}
				else {
					this.watch = started;
				}
			});
		};
		if (this.offloadExecutor != null) {
			this.offloadExecutor.execute(subscribe);
		}
		else {
			subscribe.run();
		}
	}

	@Override
	public void refresh() {
		// changes are pushed by the long poll; there is nothing to ask again
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
		DiscoveryInstances.Watch current = this.watch;
		if (current != null) {
			current.close();
			this.watch = null;
		}
	}

	private void changed(List<DiscoveredInstance> discovered) {
		List<EquivalentAddressGroup> addresses = addresses(discovered, this.zone);
		this.syncContext.execute(() -> {
			Listener2 current = this.listener;
			if (current == null || this.shutdown) {
				return;
			}
			ResolutionResult.Builder result = ResolutionResult.newBuilder().setServiceConfig(this.serviceConfig);
			if (addresses.isEmpty()) {
				result.setAddressesOrError(StatusOr.fromStatus(Status.UNAVAILABLE
					.withDescription("No UP instance of '" + this.appid + "' publishes a grpc:// address")));
			}
			else {
				result.setAddressesOrError(StatusOr.fromValue(addresses));
			}
			current.onResult2(result.build());
		});
	}

	/**
	 * The addresses a channel should use: the {@code grpc://} addresses of the own zone's
	 * instances, or of every zone's when the own zone has none.
	 * @param discovered the UP instances of the app
	 * @param zone the client's zone
	 * @return one address group per instance
	 */
	static List<EquivalentAddressGroup> addresses(List<DiscoveredInstance> discovered, String zone) {
		List<EquivalentAddressGroup> own = new ArrayList<>();
		List<EquivalentAddressGroup> all = new ArrayList<>();
		for (DiscoveredInstance instance : discovered) {
			URI grpc = instance.address(GRPC_SCHEME).orElse(null);
			if (grpc == null) {
				continue;
			}
			String host = grpc.getHost().startsWith("[") ? grpc.getHost().substring(1, grpc.getHost().length() - 1)
					: grpc.getHost();
			Attributes attributes = Attributes.newBuilder()
				.set(WEIGHT, InstanceMetadata.weight(instance.getMetadata()))
				.set(ZONE, instance.getZone())
				.build();
			EquivalentAddressGroup group = new EquivalentAddressGroup(socketAddress(host, grpc.getPort()), attributes);
			all.add(group);
			if (zone.equals(instance.getZone())) {
				own.add(group);
			}
		}
		return own.isEmpty() ? all : own;
	}

	// IP literals need no lookup; a host name that does not resolve now is left to the
	// transport
	private static InetSocketAddress socketAddress(String host, int port) {
		InetSocketAddress address = new InetSocketAddress(host, port);
		return address.isUnresolved() ? InetSocketAddress.createUnresolved(host, port) : address;
	}

}

package dev.discovery.grpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import dev.discovery.client.Discovery;
import dev.discovery.client.discovery.DiscoveryInstances;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import org.jspecify.annotations.Nullable;

/**
 * Name resolver provider for targets {@code discovery:///<appid>} (an authority, such as
 * {@code discovery://default/<appid>}, is accepted and ignored, as kratos does). Found
 * through {@code META-INF/services}, it uses one process-wide {@link Discovery} client
 * configured from the environment variables ({@code DISCOVERY_NODES}, {@code REGION},
 * {@code ZONE}, {@code DEPLOY_ENV}, {@code HOSTNAME}), created on the first resolution.
 * In a Spring Boot application the starter registers a provider of higher priority fed by
 * the application's own discovery cache instead.
 */
public final class DiscoveryNameResolverProvider extends NameResolverProvider {

	/** The target scheme. */
	public static final String SCHEME = "discovery";

	/** Priority of the provider found through {@code META-INF/services}. */
	public static final int DEFAULT_PRIORITY = 5;

	private final Supplier<DiscoveryInstances> instances;

	private final Supplier<String> zone;

	private final int priority;

	/**
	 * The provider {@code META-INF/services} finds: backed by a process-wide client from
	 * the environment.
	 */
	public DiscoveryNameResolverProvider() {
		this(() -> EnvironmentDiscovery.INSTANCE.lookups(), () -> EnvironmentDiscovery.INSTANCE.config().zone(),
				DEFAULT_PRIORITY);
	}

	/**
	 * A provider backed by an existing client's lookups.
	 * @param instances the lookups of a discovery client
	 * @param zone the client's zone, preferred when it has instances
	 * @param priority priority among providers of the same scheme (higher wins)
	 */
	public DiscoveryNameResolverProvider(DiscoveryInstances instances, String zone, int priority) {
		this(() -> instances, () -> zone, priority);
	}

	/**
	 * A provider backed by lookups found on first resolution, such as beans of an
	 * application context that is still starting.
	 * @param instances supplies the lookups of a discovery client
	 * @param zone supplies the client's zone
	 * @param priority priority among providers of the same scheme (higher wins)
	 */
	public DiscoveryNameResolverProvider(Supplier<DiscoveryInstances> instances, Supplier<String> zone, int priority) {
		this.instances = instances;
		this.zone = zone;
		this.priority = priority;
	}

	@Override
	public @Nullable NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
		if (!SCHEME.equals(targetUri.getScheme())) {
			return null;
		}
		String path = targetUri.getPath();
		String appid = (path != null && path.startsWith("/")) ? path.substring(1) : path;
		if (appid == null || appid.isEmpty() || appid.contains("/")) {
			throw new IllegalArgumentException(
					"Target '" + targetUri + "' must be discovery:///<appid>, such as discovery:///demo.service");
		}
		return new DiscoveryNameResolver(appid, this.zone.get(), this.instances.get(), args);
	}

	@Override
	public String getDefaultScheme() {
		return SCHEME;
	}

	@Override
	protected boolean isAvailable() {
		return true;
	}

	@Override
	protected int priority() {
		return this.priority;
	}

	@Override
	public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
		return List.of(InetSocketAddress.class);
	}

	/**
	 * The process-wide client, created on first use (class initialisation is lazy and
	 * thread-safe) and closed when the JVM exits.
	 */
	private static final class EnvironmentDiscovery {

		private static final Discovery INSTANCE = create();

		private static Discovery create() {
			Discovery discovery = Discovery.fromEnvironment();
			Runtime.getRuntime().addShutdownHook(new Thread(discovery::close, "discovery-grpc-shutdown"));
			return discovery;
		}

	}

}

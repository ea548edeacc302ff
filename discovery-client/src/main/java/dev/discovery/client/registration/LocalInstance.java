package dev.discovery.client.registration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the local application describes itself to the registry.
 *
 * @param appid application id
 * @param region region
 * @param zone zone
 * @param env deploy environment
 * @param hostname fixed instance id, or {@code null} for {@code <hostBase>-<port>}
 * @param hostBase host name used to build the default instance id
 * @param host IP or host name published in the addresses
 * @param port fixed published port, 0 for the web server's port, or
 * {@link #NO_MAIN_ADDRESS} to publish the extra addresses only (a plain gRPC server)
 * @param secure whether the main address is {@code https://}
 * @param version version text
 * @param metadata metadata, including zone, weight and color
 * @param extraAddrs further addresses such as {@code grpc://ip:9000}
 */
public record LocalInstance(String appid, String region, String zone, String env, @Nullable String hostname,
		String hostBase, String host, int port, boolean secure, String version, Map<String, String> metadata,
		List<String> extraAddrs) {

	/** Port value of an instance that publishes only its extra addresses. */
	public static final int NO_MAIN_ADDRESS = -1;

	/**
	 * Copy the collections.
	 */
	public LocalInstance {
		metadata = Map.copyOf(metadata);
		extraAddrs = List.copyOf(extraAddrs);
	}

}

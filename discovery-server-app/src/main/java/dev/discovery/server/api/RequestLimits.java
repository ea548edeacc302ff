package dev.discovery.server.api;

/**
 * Size limits enforced on every request; exceeding one answers -400.
 *
 * @param maxStringLength longest appid, hostname, zone, env, region, version or address
 * @param maxMetadataLength longest metadata JSON text, in characters
 * @param maxAddrs most addresses per instance
 * @param maxAppids most appids per fetchs, poll or polls request (and hostnames per set)
 */
public record RequestLimits(int maxStringLength, int maxMetadataLength, int maxAddrs, int maxAppids) {

	/**
	 * The documented defaults: 256 characters, 8 KiB of metadata, 32 addresses, 1000
	 * apps.
	 */
	public static final RequestLimits DEFAULTS = new RequestLimits(256, 8192, 32, 1000);

}

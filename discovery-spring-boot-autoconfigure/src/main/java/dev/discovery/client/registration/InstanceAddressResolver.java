package dev.discovery.client.registration;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;

/**
 * Chooses the IP address published for the local instance: an explicit advertise address
 * wins; otherwise IPv4 comes from Spring Cloud's {@link InetUtils} and IPv6 from the
 * network interfaces, both honouring {@code spring.cloud.inetutils.*}.
 */
public class InstanceAddressResolver {

	private static final Log logger = LogFactory.getLog(InstanceAddressResolver.class);

	private final InetUtils inetUtils;

	private final InetUtilsProperties inetProperties;

	/**
	 * Create a resolver.
	 * @param inetUtils Spring Cloud's address utility
	 * @param inetProperties the {@code spring.cloud.inetutils.*} settings
	 */
	public InstanceAddressResolver(InetUtils inetUtils, InetUtilsProperties inetProperties) {
		this.inetUtils = inetUtils;
		this.inetProperties = inetProperties;
	}

	/**
	 * The address to publish.
	 * @param advertiseAddress explicit address, may be {@code null} or empty
	 * @param ipType which address family to look for
	 * @return an IP literal (IPv6 without brackets) or host name
	 */
	public String resolve(@Nullable String advertiseAddress, IpType ipType) {
		if (advertiseAddress != null && !advertiseAddress.isBlank()) {
			String trimmed = advertiseAddress.trim();
			return (trimmed.startsWith("[") && trimmed.endsWith("]")) ? trimmed.substring(1, trimmed.length() - 1)
					: trimmed;
		}
		if (ipType != IpType.IPV4) {
			InetAddress ipv6 = findIpv6();
			if (ipv6 != null) {
				return log(withoutScope(ipv6.getHostAddress()));
			}
		}
		return log(this.inetUtils.findFirstNonLoopbackHostInfo().getIpAddress());
	}

	private String log(String address) {
		logger.info("Publishing address " + address + " to discovery");
		return address;
	}

	private @Nullable InetAddress findIpv6() {
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (nic.isUp() && !nic.isLoopback() && !isIgnored(nic.getDisplayName())) {
					for (InetAddress address : Collections.list(nic.getInetAddresses())) {
						if (address instanceof Inet6Address && isUsable(address)) {
							return address;
						}
					}
				}
			}
		}
		catch (SocketException ex) {
			logger.warn("Cannot list network interfaces: " + ex.getMessage());
		}
		return null;
	}

	private boolean isUsable(InetAddress address) {
		if (address instanceof Inet4Address || address.isLoopbackAddress() || address.isLinkLocalAddress()) {
			return false;
		}
		// fc00::/7 (unique local) is the IPv6 counterpart of site-local IPv4 ranges
		boolean siteLocal = address.isSiteLocalAddress() || (address.getAddress()[0] & 0xfe) == 0xfc;
		if (this.inetProperties.isUseOnlySiteLocalInterfaces() && !siteLocal) {
			return false;
		}
		List<String> preferred = this.inetProperties.getPreferredNetworks();
		if (preferred.isEmpty()) {
			return true;
		}
		String text = withoutScope(address.getHostAddress());
		return preferred.stream().anyMatch((regex) -> text.matches(regex) || text.startsWith(regex));
	}

	private boolean isIgnored(String interfaceName) {
		return this.inetProperties.getIgnoredInterfaces().stream().anyMatch(interfaceName::matches);
	}

	private static String withoutScope(String address) {
		int percent = address.indexOf('%');
		return (percent >= 0) ? address.substring(0, percent) : address;
	}

	/**
	 * Address family to publish.
	 */
	public enum IpType {

		/** IPv4 only, through Spring Cloud's {@link InetUtils}. */
		IPV4,

		/** IPv6, falling back to IPv4 when no global IPv6 address exists. */
		IPV6,

		/** Same as IPV6: the first global IPv6 address, else IPv4. */
		ANY

	}

}

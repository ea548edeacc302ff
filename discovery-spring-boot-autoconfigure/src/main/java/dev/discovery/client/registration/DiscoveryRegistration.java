package dev.discovery.client.registration;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.discovery.client.transport.InstanceForm;
import dev.discovery.client.transport.InstanceKey;
import dev.discovery.client.transport.NodeAddress;
import dev.discovery.protocol.InstanceStatus;

import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * The local application as a discovery instance; its port is known once the web server
 * started.
 */
public class DiscoveryRegistration implements Registration {

	private final LocalInstance instance;

	private volatile int port;

	private volatile int status = InstanceStatus.UP;

	/**
	 * Create the registration.
	 * @param instance the description of the local instance
	 */
	public DiscoveryRegistration(LocalInstance instance) {
		this.instance = instance;
		this.port = instance.port();
	}

	/**
	 * Set the port once the web server runs, unless a fixed port was configured.
	 * @param webServerPort the port of the web server
	 */
	public void initializePort(int webServerPort) {
		if (this.instance.port() <= 0) {
			this.port = webServerPort;
		}
	}

	/**
	 * The identity of this instance in renew, cancel and set requests.
	 * @return the key
	 */
	public InstanceKey key() {
		return new InstanceKey(this.instance.region(), this.instance.zone(), this.instance.env(), this.instance.appid(),
				getInstanceId());
	}

	/**
	 * The register request for the current state.
	 * @return the form
	 */
	public InstanceForm form() {
		return new InstanceForm(key(), addrs(), this.instance.version(), this.instance.metadata(), this.status);
	}

	/**
	 * The published addresses: the web address first, then the extra ones.
	 * @return the addresses
	 */
	public List<String> addrs() {
		List<String> addrs = new ArrayList<>();
		addrs.add(getUri().toString());
		addrs.addAll(this.instance.extraAddrs());
		return addrs;
	}

	/**
	 * The status registered: {@link InstanceStatus#UP} or {@link InstanceStatus#WAITING}.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	void status(int status) {
		this.status = status;
	}

	@Override
	public String getInstanceId() {
		String hostname = this.instance.hostname();
		return (hostname != null) ? hostname : this.instance.hostBase() + "-" + this.port;
	}

	@Override
	public String getServiceId() {
		return this.instance.appid();
	}

	@Override
	public String getHost() {
		return this.instance.host();
	}

	@Override
	public int getPort() {
		return this.port;
	}

	@Override
	public boolean isSecure() {
		return this.instance.secure();
	}

	@Override
	public URI getUri() {
		return URI.create(getScheme() + "://" + NodeAddress.uriHost(getHost()) + ":" + this.port);
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.instance.metadata();
	}

	@Override
	public String getScheme() {
		return isSecure() ? "https" : "http";
	}

	@Override
	public String toString() {
		return getServiceId() + "/" + getInstanceId() + "@" + getUri();
	}

}

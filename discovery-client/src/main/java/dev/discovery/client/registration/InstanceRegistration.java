package dev.discovery.client.registration;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.client.transport.InstanceForm;
import dev.discovery.client.transport.InstanceKey;
import dev.discovery.client.transport.InstanceMetadata;
import dev.discovery.client.transport.NodeAddress;
import dev.discovery.protocol.InstanceStatus;

/**
 * The local application as a discovery instance: what it registers and the status it
 * publishes. Its port may be set once the server it announces has started.
 */
public class InstanceRegistration {

	private final LocalInstance instance;

	private volatile int port;

	private volatile Map<String, String> metadata;

	private volatile List<String> addedAddrs = List.of();

	// the application's readiness state says ACCEPTING_TRAFFIC, or readiness is ignored
	private volatile boolean ready;

	// an operator asked for OUT_OF_SERVICE (actuator serviceregistry endpoint)
	private volatile boolean outOfService;

	/**
	 * Create a registration that registers as UP.
	 * @param instance the description of the local instance
	 */
	public InstanceRegistration(LocalInstance instance) {
		this(instance, false);
	}

	/**
	 * Create a registration.
	 * @param instance the description of the local instance
	 * @param waitForReadiness whether the instance stays WAITING until the application is
	 * ready for traffic
	 */
	public InstanceRegistration(LocalInstance instance, boolean waitForReadiness) {
		this.instance = instance;
		this.port = instance.port();
		this.metadata = instance.metadata();
		this.ready = !waitForReadiness;
	}

	/**
	 * Set the port once the server runs, unless a fixed port was configured.
	 * @param webServerPort the port the server listens on
	 */
	public void initializePort(int webServerPort) {
		if (this.instance.port() <= 0 && this.instance.port() != LocalInstance.NO_MAIN_ADDRESS) {
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
		return new InstanceForm(key(), addrs(), this.instance.version(), this.metadata, status());
	}

	/**
	 * The metadata sent to the server.
	 * @return the published metadata
	 */
	public Map<String, String> publishedMetadata() {
		return this.metadata;
	}

	/**
	 * Publish one more metadata entry, such as a port only known once a server started.
	 * It takes effect with the next register request.
	 * @param key the key
	 * @param value the value
	 * @return whether the metadata changed
	 */
	public boolean putMetadata(String key, String value) {
		Map<String, String> current = this.metadata;
		if (value.equals(current.get(key))) {
			return false;
		}
		Map<String, String> updated = new LinkedHashMap<>(current);
		updated.put(key, value);
		this.metadata = Map.copyOf(updated);
		return true;
	}

	/**
	 * The published addresses: the main address first (unless the instance has none),
	 * then the extra ones.
	 * @return the addresses
	 */
	public List<String> addrs() {
		List<String> addrs = new ArrayList<>();
		if (this.instance.port() != LocalInstance.NO_MAIN_ADDRESS) {
			addrs.add(getUri().toString());
		}
		addrs.addAll(this.instance.extraAddrs());
		this.addedAddrs.stream().filter((addr) -> !addrs.contains(addr)).forEach(addrs::add);
		return addrs;
	}

	/**
	 * Publish one more address, such as {@code grpc://ip:port} of a server that started
	 * after the registration was described. It takes effect with the next register
	 * request.
	 * @param addr the address
	 * @return whether the addresses changed
	 */
	public boolean addAddr(String addr) {
		List<String> current = this.addedAddrs;
		if (current.contains(addr) || this.instance.extraAddrs().contains(addr)) {
			return false;
		}
		List<String> updated = new ArrayList<>(current);
		updated.add(addr);
		this.addedAddrs = List.copyOf(updated);
		return true;
	}

	/**
	 * The status to publish: {@link InstanceStatus#WAITING} while the application is not
	 * ready or an operator set it out of service, else {@link InstanceStatus#UP}.
	 * @return the status
	 */
	public int status() {
		return (this.ready && !this.outOfService) ? InstanceStatus.UP : InstanceStatus.WAITING;
	}

	/**
	 * Whether an operator set the instance out of service; readiness changes don't undo
	 * it.
	 * @return {@code true} until an operator sets the instance UP again
	 */
	public boolean isOutOfService() {
		return this.outOfService;
	}

	void operatorStatus(boolean up) {
		// an explicit UP also overrides a refusing readiness state, until it changes
		// again
		this.outOfService = !up;
		if (up) {
			this.ready = true;
		}
	}

	void readiness(boolean acceptingTraffic) {
		this.ready = acceptingTraffic;
	}

	/**
	 * The instance id ({@code hostname} on the wire): the configured one, else
	 * {@code <hostBase>-<port>}.
	 * @return the id
	 */
	public String getInstanceId() {
		String hostname = this.instance.hostname();
		return (hostname != null) ? hostname : this.instance.hostBase() + "-" + this.port;
	}

	/**
	 * The app.
	 * @return the appid
	 */
	public String getServiceId() {
		return this.instance.appid();
	}

	/**
	 * The published host.
	 * @return an IP literal (IPv6 without brackets) or host name
	 */
	public String getHost() {
		return this.instance.host();
	}

	/**
	 * The published port of the main address.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Whether the main address is {@code https://}.
	 * @return {@code true} for https
	 */
	public boolean isSecure() {
		return this.instance.secure();
	}

	/**
	 * The main address.
	 * @return {@code http(s)://host:port}
	 */
	public URI getUri() {
		return URI.create(getScheme() + "://" + NodeAddress.uriHost(getHost()) + ":" + this.port);
	}

	/**
	 * The metadata as consumers see it, the same as for discovered instances: the
	 * published metadata plus zone, version, addrs and hint.
	 * @return the metadata
	 */
	public Map<String, String> getMetadata() {
		return InstanceMetadata.of(this.metadata, this.instance.zone(), this.instance.version(), addrs());
	}

	/**
	 * Scheme of the main address.
	 * @return {@code http} or {@code https}
	 */
	public String getScheme() {
		return isSecure() ? "https" : "http";
	}

	@Override
	public String toString() {
		return getServiceId() + "/" + getInstanceId() + "@" + getUri();
	}

}

package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Instance;
import dev.discovery.server.lifecycle.ServerPhases;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.RegistryListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link ClusterNodes} in step with the {@code infra.discovery} instances of this
 * node's env (docs/wire-protocol.md §5.11): every {@code http://} address of an UP
 * instance is a node of the instance's zone. Listens to the registry in-process instead
 * of polling, and unlike the reference never stops and only applies the difference (D17).
 */
public final class NodeListRefresher implements RegistryListener, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(NodeListRefresher.class);

	private static final String HTTP = "http://";

	private final Registry registry;

	private final ClusterNodes nodes;

	private final AppKey selfApp;

	private volatile boolean listening;

	private volatile boolean running;

	/**
	 * Creates the refresher.
	 * @param registry the source of {@code infra.discovery} instances
	 * @param nodes the node sets to keep current
	 * @param env the deploy env this node registers itself in
	 */
	public NodeListRefresher(Registry registry, ClusterNodes nodes, String env) {
		this.registry = registry;
		this.nodes = nodes;
		this.selfApp = new AppKey(env, DiscoveryApi.SELF_APPID);
	}

	@Override
	public void appChanged(AppKey key) {
		if (this.running && this.selfApp.equals(key)) {
			refresh();
		}
	}

	/**
	 * Rebuilds the node sets from the registry.
	 */
	synchronized void refresh() {
		List<String> local = new ArrayList<>();
		Map<String, List<String>> zones = new LinkedHashMap<>();
		AppSnapshot snapshot = this.registry.snapshot(this.selfApp);
		if (snapshot != null) {
			for (Lease lease : snapshot.leases()) {
				Instance instance = lease.instance();
				if (!instance.isUp()) {
					continue;
				}
				List<String> target = instance.zone().equals(this.nodes.zone()) ? local
						: zones.computeIfAbsent(instance.zone(), (zone) -> new ArrayList<>());
				for (String addr : instance.addrs()) {
					if (addr.startsWith(HTTP) && addr.length() > HTTP.length()) {
						String hostPort = addr.substring(HTTP.length());
						int slash = hostPort.indexOf('/');
						target.add((slash >= 0) ? hostPort.substring(0, slash) : hostPort);
					}
				}
			}
		}
		local.sort(null);
		zones.values().forEach((addresses) -> addresses.sort(null));
		if (this.nodes.update(local, zones)) {
			logger.info("Cluster nodes now: zone " + this.nodes.zone() + " " + this.nodes.localPeers()
					+ ", other zones " + this.nodes.otherZones());
		}
	}

	@Override
	public void start() {
		if (!this.listening) {
			this.registry.addListener(this);
			this.listening = true;
		}
		this.running = true;
		refresh();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return ServerPhases.NODE_LIST;
	}

}

package dev.discovery.client.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.discovery.PollHealth;
import dev.discovery.client.discovery.PollerSettings;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryTransport;
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.Instance;

/**
 * The discovery side of the client core wired on a {@link FakeTime} and a
 * {@link ScriptedApi}: one node, zone {@code sh001}, env {@code dev}, a 4 s poll error
 * backoff. The poll loop is not started.
 */
public final class ScriptedDiscovery {

	/** The clock and timer of every part. */
	public final FakeTime time = new FakeTime();

	/** The node every request goes to. */
	public final ScriptedApi api = new ScriptedApi();

	/** The transport on {@link #api}. */
	public final DiscoveryTransport transport = new DiscoveryTransport(this.api.api(),
			new DiscoveryNodes(List.of("127.0.0.1:1"), "sh001", Duration.ofDays(1), this.time, new Random(1)),
			DiscoveryJson.mapper());

	/** The instance cache. */
	public final InstanceCache cache = new InstanceCache(true);

	/** The poll loop, watching nothing but {@code infra.discovery} from the start. */
	public final InstancePoller poller;

	/** Lookups and watches. */
	public final DiscoveryInstances instances;

	/**
	 * Wire the parts.
	 * @param subscriptions apps the poll loop watches from the start
	 */
	public ScriptedDiscovery(String... subscriptions) {
		this.poller = new InstancePoller(this.transport, this.cache, this.time, new PollHealth(this.time),
				new PollerSettings("dev", "me", Duration.ofSeconds(4), List.of(subscriptions)));
		this.instances = new DiscoveryInstances(this.transport, this.cache, this.poller, "dev");
	}

	/**
	 * An UP instance with one address in env {@code dev}.
	 * @param appid the app
	 * @param hostname the instance id
	 * @param zone the zone
	 * @param addrs its addresses
	 * @return the wire instance
	 */
	public static Instance instance(String appid, String hostname, String zone, String... addrs) {
		return new Instance("sh", zone, "dev", appid, hostname, List.of(addrs), "", Map.of(), 1, 1, 1, 1, 1, 1);
	}

}

package dev.discovery.server.replication;

import java.util.List;

import dev.discovery.protocol.Instance;

/**
 * Sends changes accepted by this node to the other nodes; implementations must not block
 * the caller (D13).
 */
public interface Replicator {

	/**
	 * Replicates a register of the stored instance.
	 * @param instance the instance as stored on this node
	 * @param origin who sent the register
	 */
	void register(Instance instance, Origin origin);

	/**
	 * Replicates a renew.
	 * @param instance the renewed instance as stored on this node
	 * @param origin who sent the renew
	 */
	void renew(Instance instance, Origin origin);

	/**
	 * Replicates a cancel.
	 * @param instance the removed instance, carrying the cancel's version as
	 * {@code dirty_timestamp} (see {@link #cancelled(Instance, long)})
	 * @param latestTimestamp the cancel's {@code latest_timestamp} parameter (0 when
	 * absent)
	 * @param origin who sent the cancel
	 */
	void cancel(Instance instance, long latestTimestamp, Origin origin);

	/**
	 * Replicates a successful set.
	 * @param set the set as received, with its effective timestamp
	 * @param origin who sent the set
	 */
	void set(ReplicatedSet set, Origin origin);

	/**
	 * A set operation as it travels between nodes (docs/wire-protocol.md §5.3).
	 *
	 * @param region region parameter
	 * @param zone zone of the changed instances
	 * @param env deploy environment
	 * @param appid service name
	 * @param hostnames changed instances
	 * @param statuses statuses as received (may be empty)
	 * @param metadata metadata texts as received (may be empty)
	 * @param setTimestamp effective set time T, so every node stores the same dirty
	 * timestamp
	 */
	record ReplicatedSet(String region, String zone, String env, String appid, List<String> hostnames,
			List<String> statuses, List<String> metadata, long setTimestamp) {

	}

	/**
	 * The copy of a removed instance that a replicated cancel carries: its
	 * {@code dirty_timestamp} is the cancel's version, so that receivers can tell a
	 * cancel from an older or newer register (docs/cluster.md, "Ordering").
	 * @param removed the removed instance
	 * @param version the cancel's version
	 * @return the copy to replicate
	 */
	static Instance cancelled(Instance removed, long version) {
		return removed.withDirtyTimestamp(version);
	}

	/**
	 * A replicator for a node without peers.
	 * @return a replicator that does nothing
	 */
	static Replicator none() {
		return new Replicator() {

			@Override
			public void register(Instance instance, Origin origin) {
			}

			@Override
			public void renew(Instance instance, Origin origin) {
			}

			@Override
			public void cancel(Instance instance, long latestTimestamp, Origin origin) {
			}

			@Override
			public void set(ReplicatedSet set, Origin origin) {
			}

		};
	}

}

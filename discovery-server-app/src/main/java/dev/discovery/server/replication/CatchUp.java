package dev.discovery.server.replication;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.discovery.protocol.Instance;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.Tombstones.InstanceKey;

/**
 * Reconciles this node with a peer that answers again after it was LOST (docs/cluster.md,
 * "Convergence"): reads the peer's whole registry and, instance by instance, keeps the
 * newer side. A newer copy of the peer is stored here (with its timestamps, not
 * forwarded); for a newer copy held here, or one the peer lacks, a register goes into the
 * peer's queue; for an instance this node saw cancelled after the peer's copy, a cancel
 * does. The peer does the same with this node, so both end with the newest state even
 * when changes were dropped while they could not reach each other.
 */
final class CatchUp {

	private final Registry registry;

	private final LastWriteWins writes;

	CatchUp(Registry registry, LastWriteWins writes) {
		this.registry = registry;
		this.writes = writes;
	}

	/**
	 * Compares the peer's registry with this node's.
	 * @param remote the peer's {@code /discovery/fetch/all}
	 * @param channel the peer's queue
	 * @return what was done
	 */
	Summary reconcile(Map<String, List<Instance>> remote, PeerChannel channel) {
		Set<InstanceKey> seen = new HashSet<>();
		int adopted = 0;
		int sent = 0;
		int cancelled = 0;
		for (List<Instance> app : remote.values()) {
			for (Instance theirs : app) {
				InstanceKey key = key(theirs);
				seen.add(key);
				long cancel = this.writes.tombstones().version(key);
				Lease lease = this.registry.lease(new AppKey(theirs.env(), theirs.appid()), theirs.zone(),
						theirs.hostname());
				if (cancel != 0 && cancel >= theirs.dirtyTimestamp() && lease == null) {
					channel.offer(ReplicationOp.cancel(Replicator.cancelled(theirs, cancel), 0));
					cancelled++;
				}
				else if (lease == null || lease.instance().dirtyTimestamp() < theirs.dirtyTimestamp()) {
					if (this.writes.register(theirs) == LastWriteWins.Stored.STORED) {
						adopted++;
					}
				}
				else if (lease.instance().dirtyTimestamp() > theirs.dirtyTimestamp()) {
					channel.offer(ReplicationOp.register(lease.current()));
					sent++;
				}
			}
		}
		int[] missing = { 0 };
		this.registry.forEachLease((lease) -> {
			if (!seen.contains(key(lease.instance()))) {
				channel.offer(ReplicationOp.register(lease.current()));
				missing[0]++;
			}
		});
		return new Summary(adopted, sent + missing[0], cancelled);
	}

	private static InstanceKey key(Instance i) {
		return new InstanceKey(i.env(), i.appid(), i.zone(), i.hostname());
	}

	/**
	 * What a catch-up did.
	 *
	 * @param adopted newer copies of the peer stored here
	 * @param sent registers queued for the peer
	 * @param cancelled cancels queued for the peer
	 */
	record Summary(int adopted, int sent, int cancelled) {

	}

}

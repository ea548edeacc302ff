package dev.discovery.server.service;

import java.time.Clock;
import java.util.List;

import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Timestamps;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.registry.SetChange;
import dev.discovery.server.replication.Origin;
import dev.discovery.server.replication.Replicator;
import org.jspecify.annotations.Nullable;

/**
 * The discovery operations: apply to the local registry, then replicate unless the change
 * came from a peer. Replication never blocks the caller.
 */
public final class DiscoveryService {

	private final Registry registry;

	private final Replicator replicator;

	private final Clock clock;

	public DiscoveryService(Registry registry, Replicator replicator, Clock clock) {
		this.registry = registry;
		this.replicator = replicator;
		this.clock = clock;
	}

	/**
	 * Registers an instance received over HTTP (docs/wire-protocol.md §3.1); all
	 * timestamps but the dirty one are this node's now.
	 * @param request the instance; only its {@code dirty_timestamp} is taken as sent
	 * @param origin who sent it
	 */
	public void register(Instance request, Origin origin) {
		long now = Timestamps.nanos(this.clock);
		long dirty = (request.dirtyTimestamp() > 0) ? request.dirtyTimestamp() : now;
		Lease stored = this.registry.register(request.withDirtyTimestamp(dirty).withTimestamps(now, now, now, now));
		if (origin != Origin.PEER) {
			// Replicate the copy that won the merge, so peers converge on it.
			this.replicator.register(stored.current(), origin);
		}
	}

	/**
	 * Stores an instance copied from a peer (startup sync or a conflict answer), keeping
	 * all of its timestamps; never replicated.
	 * @param instance the peer's copy
	 */
	public void restore(Instance instance) {
		this.registry.register(instance);
	}

	/**
	 * Records a heartbeat (docs/wire-protocol.md §3.2).
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param dirtyTimestamp the sender's dirty timestamp, compared for peer renews
	 * @param origin who sent it
	 * @return the outcome
	 */
	public RenewOutcome renew(AppKey key, String zone, String hostname, long dirtyTimestamp, Origin origin) {
		Lease lease = this.registry.renew(key, zone, hostname, Timestamps.nanos(this.clock));
		if (lease == null) {
			return new RenewOutcome(ErrorCode.NOTHING_FOUND, null);
		}
		Instance instance = lease.current();
		if (origin != Origin.PEER) {
			this.replicator.renew(instance, origin);
			return new RenewOutcome(ErrorCode.OK, instance);
		}
		long local = instance.dirtyTimestamp();
		if (dirtyTimestamp > local) {
			// The sender holds newer data: ask it for a full register.
			return new RenewOutcome(ErrorCode.NOTHING_FOUND, instance);
		}
		return new RenewOutcome((dirtyTimestamp < local) ? ErrorCode.CONFLICT : ErrorCode.OK, instance);
	}

	/**
	 * Removes an instance (docs/wire-protocol.md §3.3).
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param latestTimestamp the {@code latest_timestamp} parameter, 0 when absent
	 * @param origin who sent it
	 * @return {@code true} when the instance existed
	 */
	public boolean cancel(AppKey key, String zone, String hostname, long latestTimestamp, Origin origin) {
		Lease removed = this.registry.cancel(key, zone, hostname, latestTimestamp);
		if (removed == null) {
			return false;
		}
		if (origin != Origin.PEER) {
			this.replicator.cancel(removed.current(), latestTimestamp, origin);
		}
		return true;
	}

	/**
	 * Changes status and metadata of instances, all or nothing, and replicates only on
	 * success (docs/wire-protocol.md §3.4 with D6/D7 fixed).
	 * @param command the validated set
	 * @param origin who sent it
	 * @return {@code true} when applied
	 */
	public boolean set(SetCommand command, Origin origin) {
		long t = (command.setTimestamp() != 0) ? command.setTimestamp() : Timestamps.nanos(this.clock);
		SetChange change = new SetChange(command.hostnames(), command.statuses().isEmpty() ? null : command.statuses(),
				command.metadataOrNull(), t);
		boolean applied = this.registry.set(new AppKey(command.env(), command.appid()), command.zone(), change);
		if (applied && origin != Origin.PEER) {
			List<String> statuses = command.statuses().stream().map(String::valueOf).toList();
			this.replicator.set(new Replicator.ReplicatedSet(command.region(), command.zone(), command.env(),
					command.appid(), command.hostnames(), statuses, command.metadataTexts(), t), origin);
		}
		return applied;
	}

	/**
	 * The current snapshot of an app.
	 * @param key the app
	 * @return the snapshot or {@code null} when unknown
	 */
	public @Nullable AppSnapshot snapshot(AppKey key) {
		return this.registry.snapshot(key);
	}

	/**
	 * Every app of every env.
	 * @return the snapshots
	 */
	public List<AppSnapshot> snapshots() {
		return this.registry.snapshots();
	}

}

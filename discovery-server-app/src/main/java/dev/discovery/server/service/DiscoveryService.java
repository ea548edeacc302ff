package dev.discovery.server.service;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Timestamps;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.LastWriteWins;
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

	private final LastWriteWins writes;

	private final Replicator replicator;

	private final Clock clock;

	/**
	 * Creates the service.
	 * @param registry the live instances, read and renewed
	 * @param writes applies registers, cancels and sets in version order
	 * @param replicator sends accepted changes to the other nodes
	 * @param clock time source
	 */
	public DiscoveryService(Registry registry, LastWriteWins writes, Replicator replicator, Clock clock) {
		this.registry = registry;
		this.writes = writes;
		this.replicator = replicator;
		this.clock = clock;
	}

	/**
	 * Registers an instance received over HTTP (docs/wire-protocol.md §3.1); all
	 * timestamps but the dirty one are this node's now.
	 * @param request the instance; its {@code dirty_timestamp} is the version a server
	 * node sent, 0 for a client (a new version is issued)
	 * @param origin who sent it
	 */
	public void register(Instance request, Origin origin) {
		long now = Timestamps.nanos(this.clock);
		long dirty = (origin != Origin.CLIENT && request.dirtyTimestamp() > 0) ? request.dirtyTimestamp()
				: this.writes.versions().next();
		Instance record = request.withDirtyTimestamp(dirty).withTimestamps(now, now, now, now);
		LastWriteWins.Stored stored = this.writes.register(record);
		if (origin != Origin.PEER && stored != LastWriteWins.Stored.CANCELLED) {
			// Replicate the copy that won the merge, so peers converge on it.
			Lease lease = this.registry.lease(new AppKey(record.env(), record.appid()), record.zone(),
					record.hostname());
			this.replicator.register((lease != null) ? lease.current() : record, origin);
		}
	}

	/**
	 * Stores an instance copied from a peer (startup sync, catch-up or a conflict
	 * answer), keeping all of its timestamps; never replicated.
	 * @param instance the peer's copy
	 */
	public void restore(Instance instance) {
		this.writes.register(instance);
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
	 * Removes an instance (docs/wire-protocol.md §3.3) unless a server node's cancel is
	 * older than this node's copy; the cancel is remembered, so a stale copy cannot bring
	 * the instance back.
	 * @param key the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param latestTimestamp the {@code latest_timestamp} parameter, 0 when absent
	 * @param version the cancel's version sent by one of our nodes, 0 otherwise
	 * @param origin who sent it
	 * @return the outcome
	 */
	public CancelOutcome cancel(AppKey key, String zone, String hostname, long latestTimestamp, long version,
			Origin origin) {
		LastWriteWins.Cancelled cancelled = this.writes.cancel(key, zone, hostname,
				(origin == Origin.CLIENT) ? 0 : version, latestTimestamp, origin != Origin.CLIENT);
		Lease lease = cancelled.lease();
		return switch (cancelled.result()) {
			case NOT_FOUND -> new CancelOutcome(CancelOutcome.Result.NOT_FOUND, null);
			case NEWER_COPY -> new CancelOutcome(CancelOutcome.Result.NEWER_COPY, lease.current());
			case REMOVED -> {
				Instance removed = lease.current();
				if (origin != Origin.PEER) {
					this.replicator.cancel(Replicator.cancelled(removed, cancelled.version()), latestTimestamp, origin);
				}
				yield new CancelOutcome(CancelOutcome.Result.REMOVED, removed);
			}
		};
	}

	/**
	 * Changes status and metadata of instances, all or nothing, and replicates only on
	 * success (docs/wire-protocol.md §3.4 with D6/D7 fixed).
	 * @param command the validated set
	 * @param origin who sent it
	 * @return {@code true} when applied
	 */
	public boolean set(SetCommand command, Origin origin) {
		long requested = (origin != Origin.CLIENT) ? command.setTimestamp() : 0;
		SetChange change = new SetChange(command.hostnames(), command.statuses().isEmpty() ? null : command.statuses(),
				command.metadataOrNull(), requested);
		OptionalLong version = this.writes.set(new AppKey(command.env(), command.appid()), command.zone(), change);
		boolean applied = version.isPresent();
		if (applied && origin != Origin.PEER) {
			long t = version.getAsLong();
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

package dev.discovery.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.protocol.Instance;
import dev.discovery.server.registry.Tombstones.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * Applies changes so that every node ends with the newest one whatever order they arrive
 * in (docs/cluster.md, "Ordering"): each register, set and cancel carries a version (its
 * {@code dirty_timestamp}, or the time of the cancel); a change older than what the node
 * holds for the instance, a live copy or a remembered cancel ({@link Tombstones}), is not
 * applied. Changes of one instance are applied one at a time (striped locks), so the
 * check and the change are atomic. Uses the {@link Registry} only through its public
 * operations.
 */
public final class LastWriteWins {

	private static final int STRIPES = 256;

	private final Registry registry;

	private final Tombstones tombstones;

	private final VersionClock versions;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	/**
	 * Creates the rules.
	 * @param registry the live instances
	 * @param tombstones the remembered cancels
	 * @param versions issues the versions of local changes
	 */
	public LastWriteWins(Registry registry, Tombstones tombstones, VersionClock versions) {
		this.registry = registry;
		this.tombstones = tombstones;
		this.versions = versions;
		for (int n = 0; n < STRIPES; n++) {
			this.locks[n] = new ReentrantLock();
		}
	}

	public VersionClock versions() {
		return this.versions;
	}

	public Tombstones tombstones() {
		return this.tombstones;
	}

	/**
	 * Registers a complete record unless the node holds something newer.
	 * @param record the instance with its version as {@code dirty_timestamp}
	 * @return what happened
	 */
	public Stored register(Instance record) {
		InstanceKey key = key(record.env(), record.appid(), record.zone(), record.hostname());
		ReentrantLock lock = lock(key);
		lock.lock();
		try {
			this.versions.observe(record.dirtyTimestamp());
			long cancelled = this.tombstones.version(key);
			if (cancelled != 0 && cancelled >= record.dirtyTimestamp()) {
				return Stored.CANCELLED;
			}
			if (this.registry.register(record).instance().dirtyTimestamp() > record.dirtyTimestamp()) {
				return Stored.KEPT_NEWER;
			}
			if (cancelled != 0) {
				this.tombstones.forget(key, cancelled);
			}
			return Stored.STORED;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Cancels an instance unless the node holds a newer copy, and remembers the cancel.
	 * @param app the app
	 * @param zone the zone
	 * @param hostname the instance
	 * @param version the cancel's version; 0 for a cancel without one (a client's, or a
	 * reference node's), which is stamped now and always applies
	 * @param latestTimestamp the cancel's {@code latest_timestamp}, bumps L(app)
	 * @param rememberUnknown whether to remember the cancel of an instance this node does
	 * not hold (a peer's cancel may arrive before the register it cancels)
	 * @return what happened
	 */
	public Cancelled cancel(AppKey app, String zone, String hostname, long version, long latestTimestamp,
			boolean rememberUnknown) {
		InstanceKey key = key(app.env(), app.appid(), zone, hostname);
		ReentrantLock lock = lock(key);
		lock.lock();
		try {
			Lease lease = this.registry.lease(app, zone, hostname);
			long effective;
			if (version == 0) {
				effective = Math.max(this.versions.next(), (lease != null) ? lease.instance().dirtyTimestamp() : 0);
			}
			else {
				this.versions.observe(version);
				effective = version;
			}
			if (lease == null) {
				if (rememberUnknown) {
					this.tombstones.record(key, effective);
				}
				return new Cancelled(Cancelled.Result.NOT_FOUND, null, effective);
			}
			if (lease.instance().dirtyTimestamp() > effective) {
				return new Cancelled(Cancelled.Result.NEWER_COPY, lease, effective);
			}
			Lease removed = this.registry.cancel(app, zone, hostname, latestTimestamp);
			this.tombstones.record(key, effective);
			return new Cancelled((removed != null) ? Cancelled.Result.REMOVED : Cancelled.Result.NOT_FOUND, removed,
					effective);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Applies a set, all or nothing (docs/wire-protocol.md §3.4).
	 * @param app the app
	 * @param zone the zone bucket
	 * @param change the change; timestamp 0 for a local set (stamped now, applies to all
	 * named instances), else a peer's set time, which skips instances holding a newer
	 * version
	 * @return the set's version, empty when the app, zone or a hostname is unknown
	 */
	public OptionalLong set(AppKey app, String zone, SetChange change) {
		List<ReentrantLock> held = new ArrayList<>();
		TreeSet<Integer> stripes = new TreeSet<>();
		for (String hostname : change.hostnames()) {
			stripes.add(stripe(key(app.env(), app.appid(), zone, hostname)));
		}
		for (int stripe : stripes) {
			this.locks[stripe].lock();
			held.add(this.locks[stripe]);
		}
		try {
			long t = (change.timestamp() != 0) ? change.timestamp() : this.versions.next();
			this.versions.observe(t);
			SetChange applied = (change.timestamp() != 0) ? newerThanHeld(app, zone, change)
					: new SetChange(change.hostnames(), change.statuses(), change.metadata(), t);
			if (applied.hostnames().isEmpty()) {
				return OptionalLong.of(t);
			}
			return this.registry.set(app, zone, applied) ? OptionalLong.of(t) : OptionalLong.empty();
		}
		finally {
			held.forEach(ReentrantLock::unlock);
		}
	}

	/**
	 * The part of a peer's set that is newer than what this node holds; unknown hostnames
	 * stay, so that the set fails and the peer repairs them.
	 */
	private SetChange newerThanHeld(AppKey app, String zone, SetChange change) {
		List<String> hostnames = new ArrayList<>();
		List<Integer> statuses = (change.statuses() != null) ? new ArrayList<>() : null;
		List<Optional<Map<String, String>>> metadata = (change.metadata() != null) ? new ArrayList<>() : null;
		for (int n = 0; n < change.hostnames().size(); n++) {
			Lease lease = this.registry.lease(app, zone, change.hostnames().get(n));
			if (lease != null && lease.instance().dirtyTimestamp() > change.timestamp()) {
				continue;
			}
			hostnames.add(change.hostnames().get(n));
			if (statuses != null) {
				statuses.add(change.statuses().get(n));
			}
			if (metadata != null) {
				metadata.add(change.metadata().get(n));
			}
		}
		return new SetChange(hostnames, statuses, metadata, change.timestamp());
	}

	private ReentrantLock lock(InstanceKey key) {
		return this.locks[stripe(key)];
	}

	private static int stripe(InstanceKey key) {
		int h = key.hashCode();
		return (h ^ (h >>> 16)) & (STRIPES - 1);
	}

	private static InstanceKey key(String env, String appid, String zone, String hostname) {
		return new InstanceKey(env, appid, zone, hostname);
	}

	/**
	 * The outcome of a register.
	 */
	public enum Stored {

		/** Stored. */
		STORED,

		/** The node holds a copy with a newer {@code dirty_timestamp}; kept. */
		KEPT_NEWER,

		/** The node remembers a newer cancel of the instance; not stored. */
		CANCELLED

	}

	/**
	 * The outcome of a cancel.
	 *
	 * @param result what happened
	 * @param lease the removed lease, or the newer one kept; {@code null} when not found
	 * @param version the cancel's version, as replicated
	 */
	public record Cancelled(Result result, @Nullable Lease lease, long version) {

		/**
		 * What a cancel did.
		 */
		public enum Result {

			/** Removed and remembered. */
			REMOVED,

			/** Not held (remembered when asked to). */
			NOT_FOUND,

			/** The node holds a newer copy, which stays. */
			NEWER_COPY

		}

	}

}

package dev.discovery.server.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import org.jspecify.annotations.Nullable;

/**
 * An instance as this node stores it: the record as of its last change (register or set),
 * and apart from it the time of the last heartbeat.
 * <p>
 * The heartbeat time lives outside the record on purpose: a renew is the most frequent
 * operation and must not create a new app snapshot (which would drop every cached answer
 * of the app). Leases exist so that instances of crashed processes expire. A change makes
 * a new lease ({@link #registered}, {@link #withSet}); a lease also keeps what the API
 * rendered from it, so an instance is serialized once per change.
 */
public final class Lease {

	private final Instance instance;

	private volatile long renewTimestamp;

	private volatile @Nullable Object rendered;

	private Lease(Instance instance, long renewTimestamp) {
		this.instance = instance;
		this.renewTimestamp = renewTimestamp;
	}

	/**
	 * The lease a register stores (docs/wire-protocol.md §2.4): the record as sent,
	 * keeping the {@code up_timestamp} of the instance it replaces.
	 * @param record the registered record with all timestamps set
	 * @param replaced the lease of the same hostname, if any
	 * @return the new lease
	 */
	static Lease registered(Instance record, @Nullable Lease replaced) {
		Instance stored = (replaced != null) ? record.withUpTimestamp(replaced.instance.upTimestamp()) : record;
		return new Lease(stored, stored.renewTimestamp());
	}

	/**
	 * This instance after a {@code set}: status, metadata and stamps change, the
	 * heartbeat stays.
	 * @param change the set
	 * @param index position of this hostname in the change
	 * @return the new lease
	 */
	Lease withSet(SetChange change, int index) {
		Instance i = this.instance;
		int status = i.status();
		long up = i.upTimestamp();
		if (change.statuses() != null) {
			status = change.statuses().get(index);
			if (status == InstanceStatus.UP) {
				up = change.timestamp();
			}
		}
		Map<String, String> metadata = i.metadata();
		if (change.metadata() != null) {
			Optional<Map<String, String>> update = change.metadata().get(index);
			if (update.isEmpty()) {
				metadata = null;
			}
			else {
				Map<String, String> merged = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
				merged.putAll(update.get());
				metadata = Collections.unmodifiableMap(new TreeMap<>(merged));
			}
		}
		long t = change.timestamp();
		Instance changed = i.withStatus(status)
			.withMetadata(metadata)
			.withDirtyTimestamp(t)
			.withTimestamps(i.regTimestamp(), up, i.renewTimestamp(), t);
		return new Lease(changed, this.renewTimestamp);
	}

	/**
	 * The instance data as of the last change (its {@code renew_timestamp} may be older
	 * than {@link #renewTimestamp()}).
	 * @return the instance record
	 */
	public Instance instance() {
		return this.instance;
	}

	/**
	 * The last heartbeat in epoch nanoseconds.
	 * @return the renew timestamp
	 */
	public long renewTimestamp() {
		return this.renewTimestamp;
	}

	/**
	 * The instance with its live renew timestamp.
	 * @return the record, or a copy of it carrying the latest heartbeat time
	 */
	public Instance current() {
		long renew = this.renewTimestamp;
		return (renew == this.instance.renewTimestamp()) ? this.instance : this.instance.withRenewTimestamp(renew);
	}

	/**
	 * What one renderer derived from this lease's record, computed at most once per lease
	 * (so once per change of the instance). The renderer must not depend on the renew
	 * time, which changes without a new lease.
	 * @param <T> type of the rendering
	 * @param renderer computes it from the lease; the same renderer for every call
	 * @return the memoized rendering
	 */
	@SuppressWarnings("unchecked")
	public <T> T rendered(Function<Lease, T> renderer) {
		Object value = this.rendered;
		if (value == null) {
			value = renderer.apply(this);
			this.rendered = value;
		}
		return (T) value;
	}

	void renew(long now) {
		this.renewTimestamp = now;
	}

}

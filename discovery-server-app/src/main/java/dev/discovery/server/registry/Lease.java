package dev.discovery.server.registry;

import dev.discovery.protocol.Instance;

/**
 * An immutable instance record plus the time of its last heartbeat.
 * <p>
 * The heartbeat time lives outside the record on purpose: a renew is the most frequent
 * operation and must not create a new app snapshot (which would invalidate every cached
 * answer of the app). Leases exist so that instances of crashed processes expire.
 */
public final class Lease {

	private final Instance instance;

	private volatile long renewTimestamp;

	Lease(Instance instance) {
		this.instance = instance;
		this.renewTimestamp = instance.renewTimestamp();
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
	 * @return a copy of the record carrying the latest heartbeat time
	 */
	public Instance current() {
		Instance i = this.instance;
		long renew = this.renewTimestamp;
		if (renew == i.renewTimestamp()) {
			return i;
		}
		return new Instance(i.region(), i.zone(), i.env(), i.appid(), i.hostname(), i.addrs(), i.version(),
				i.metadata(), i.status(), i.regTimestamp(), i.upTimestamp(), renew, i.dirtyTimestamp(),
				i.latestTimestamp());
	}

	void renew(long now) {
		this.renewTimestamp = now;
	}

}

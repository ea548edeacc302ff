package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Instance;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change to send to other nodes, and how it travels (docs/wire-protocol.md §5.3).
 *
 * @param action what changed
 * @param instance the instance as stored here (removed copy for a cancel); {@code null}
 * for a set
 * @param latestTimestamp the cancel's {@code latest_timestamp} parameter
 * @param set the set as received; {@code null} for other actions
 */
record ReplicationOp(Action action, @Nullable Instance instance, long latestTimestamp, @Nullable ReplicatedSet set) {

	static ReplicationOp register(Instance instance) {
		return new ReplicationOp(Action.REGISTER, instance, 0, null);
	}

	static ReplicationOp renew(Instance instance) {
		return new ReplicationOp(Action.RENEW, instance, 0, null);
	}

	static ReplicationOp cancel(Instance instance, long latestTimestamp) {
		return new ReplicationOp(Action.CANCEL, instance, latestTimestamp, null);
	}

	static ReplicationOp set(ReplicatedSet set) {
		return new ReplicationOp(Action.SET, null, 0, set);
	}

	/**
	 * Operations with equal keys are coalesced in a peer's queue.
	 */
	Key key() {
		if (this.set != null) {
			return new Key(this.action, this.set.env(), this.set.appid(), this.set.zone(),
					String.join("\n", this.set.hostnames()));
		}
		Instance i = instance();
		return new Key(this.action, i.env(), i.appid(), i.zone(), i.hostname());
	}

	/**
	 * The instances this operation touches; two operations on one instance are never in
	 * flight to the same peer at once, so they arrive in order.
	 */
	List<Key> instances() {
		if (this.set != null) {
			List<Key> keys = new ArrayList<>(this.set.hostnames().size());
			for (String hostname : this.set.hostnames()) {
				keys.add(new Key(null, this.set.env(), this.set.appid(), this.set.zone(), hostname));
			}
			return keys;
		}
		Instance i = instance();
		return List.of(new Key(null, i.env(), i.appid(), i.zone(), i.hostname()));
	}

	@Override
	public Instance instance() {
		if (this.instance == null) {
			throw new IllegalStateException("A set carries no single instance");
		}
		return this.instance;
	}

	String path() {
		return switch (this.action) {
			case REGISTER -> DiscoveryApi.REGISTER;
			case RENEW -> DiscoveryApi.RENEW;
			case CANCEL -> DiscoveryApi.CANCEL;
			case SET -> DiscoveryApi.SET;
		};
	}

	/**
	 * The request as a reference server sends it, except that addresses are repeated
	 * parameters instead of one comma-joined value (D1).
	 * @param replication {@code true} for a peer of this zone, {@code false} for a node
	 * of another zone
	 * @param mapper writes metadata as a JSON object
	 */
	PeerForm form(boolean replication, JsonMapper mapper) {
		PeerForm form = new PeerForm();
		if (this.set != null) {
			ReplicatedSet s = this.set;
			form.add("region", s.region()).add("zone", s.zone()).add("env", s.env()).add("appid", s.appid());
			s.hostnames().forEach((hostname) -> form.add("hostname", hostname));
			s.statuses().forEach((status) -> form.add("status", status));
			s.metadata().forEach((metadata) -> form.add("metadata", metadata));
			form.add("set_timestamp", s.setTimestamp());
		}
		else {
			Instance i = instance();
			form.add("region", i.region()).add("zone", i.zone()).add("env", i.env()).add("appid", i.appid());
			form.add("hostname", i.hostname());
			switch (this.action) {
				case REGISTER -> {
					i.addrs().forEach((addr) -> form.add("addrs", addr));
					form.add("status", i.status()).add("version", i.version());
					Map<String, String> metadata = i.metadata();
					if (metadata != null) {
						form.add("metadata", mapper.writeValueAsString(metadata));
					}
					form.add("reg_timestamp", i.regTimestamp())
						.add("dirty_timestamp", i.dirtyTimestamp())
						.add("latest_timestamp", i.latestTimestamp());
				}
				case RENEW -> form.add("dirty_timestamp", i.dirtyTimestamp());
				// dirty_timestamp: the cancel's version, so that receivers order it
				// against
				// registers (docs/cluster.md); reference receivers ignore it.
				case CANCEL ->
					form.add("latest_timestamp", this.latestTimestamp).add("dirty_timestamp", i.dirtyTimestamp());
				default -> throw new IllegalStateException("Unexpected action " + this.action);
			}
		}
		return form.add("replication", replication).add("from_zone", true);
	}

	String describe() {
		Key key = key();
		return this.action.name().toLowerCase() + " " + key.env() + "." + key.appid() + "/" + key.zone() + "/"
				+ key.name().replace('\n', ',');
	}

	/**
	 * What changed.
	 */
	enum Action {

		/** A register (also the repair of a peer that lost an instance). */
		REGISTER,

		/** A renew. */
		RENEW,

		/** A cancel. */
		CANCEL,

		/** A set of status/metadata. */
		SET

	}

	/**
	 * Identity of an operation (with its action) or of an instance (action {@code null}).
	 *
	 * @param action the action or {@code null} for an instance key
	 * @param env deploy environment
	 * @param appid service name
	 * @param zone zone
	 * @param name hostname, or the hostnames of a set joined by newlines
	 */
	record Key(@Nullable Action action, String env, String appid, String zone, String name) {

		Key instance() {
			return new Key(null, this.env, this.appid, this.zone, this.name);
		}

	}

}

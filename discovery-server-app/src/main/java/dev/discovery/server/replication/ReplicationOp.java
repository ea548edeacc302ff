package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Response;
import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriBuilderFactory;

/**
 * One change to send to other nodes, and how it travels (docs/wire-protocol.md §5.3): a
 * register, renew or cancel of one instance, or a set of several.
 */
sealed interface ReplicationOp permits ReplicationOp.OfInstance, ReplicationOp.Set {

	static ReplicationOp register(Instance instance) {
		return new Register(instance);
	}

	static ReplicationOp renew(Instance instance) {
		return new Renew(instance);
	}

	static ReplicationOp cancel(Instance instance, long latestTimestamp) {
		return new Cancel(instance, latestTimestamp);
	}

	static ReplicationOp set(ReplicatedSet set) {
		return new Set(set);
	}

	/**
	 * What changed.
	 * @return the action
	 */
	Action action();

	/**
	 * Operations with equal keys are coalesced in a peer's queue.
	 * @return the key of this operation
	 */
	Key key();

	/**
	 * The instances this operation touches; two operations on one instance are never in
	 * flight to the same peer at once, so they arrive in order.
	 * @return one key per instance
	 */
	List<Key> instances();

	/**
	 * Sends the request as a reference server sends it, except that addresses are
	 * repeated parameters instead of one comma-joined value (D1).
	 * @param api the protocol client
	 * @param node the receiving node
	 * @param replication {@code true} for a peer of this zone, {@code false} for a node
	 * of another zone
	 * @return the answer
	 */
	@Nullable Response<?> send(DiscoveryHttpApi api, UriBuilderFactory node, boolean replication);

	default String describe() {
		Key key = key();
		return action().name().toLowerCase() + " " + key.env() + "." + key.appid() + "/" + key.zone() + "/"
				+ key.name().replace('\n', ',');
	}

	/**
	 * An operation on one instance.
	 */
	sealed interface OfInstance extends ReplicationOp permits Register, Renew, Cancel {

		/**
		 * The instance as stored here (the removed copy for a cancel).
		 * @return the instance
		 */
		Instance instance();

		@Override
		default Key key() {
			Instance i = instance();
			return new Key(action(), i.env(), i.appid(), i.zone(), i.hostname());
		}

		@Override
		default List<Key> instances() {
			Instance i = instance();
			return List.of(new Key(null, i.env(), i.appid(), i.zone(), i.hostname()));
		}

	}

	/**
	 * A register (also the repair of a peer that lost an instance).
	 *
	 * @param instance the instance as stored here
	 */
	record Register(Instance instance) implements OfInstance {

		@Override
		public Action action() {
			return Action.REGISTER;
		}

		@Override
		public Response<?> send(DiscoveryHttpApi api, UriBuilderFactory node, boolean replication) {
			Instance i = this.instance;
			Map<String, String> metadata = i.metadata();
			return api.replicateRegister(node, i.region(), i.zone(), i.env(), i.appid(), i.hostname(), i.addrs(),
					i.status(), i.version(),
					(metadata != null) ? DiscoveryJson.mapper().writeValueAsString(metadata) : null, i.regTimestamp(),
					i.dirtyTimestamp(), i.latestTimestamp(), replication, true);
		}

	}

	/**
	 * A renew.
	 *
	 * @param instance the renewed instance as stored here
	 */
	record Renew(Instance instance) implements OfInstance {

		@Override
		public Action action() {
			return Action.RENEW;
		}

		@Override
		public Response<?> send(DiscoveryHttpApi api, UriBuilderFactory node, boolean replication) {
			Instance i = this.instance;
			return api.replicateRenew(node, i.region(), i.zone(), i.env(), i.appid(), i.hostname(), i.dirtyTimestamp(),
					replication, true);
		}

	}

	/**
	 * A cancel.
	 *
	 * @param instance the removed copy, carrying the cancel's version as
	 * {@code dirty_timestamp}
	 * @param latestTimestamp the cancel's {@code latest_timestamp} parameter
	 */
	record Cancel(Instance instance, long latestTimestamp) implements OfInstance {

		@Override
		public Action action() {
			return Action.CANCEL;
		}

		@Override
		public Response<?> send(DiscoveryHttpApi api, UriBuilderFactory node, boolean replication) {
			Instance i = this.instance;
			// dirty_timestamp: the cancel's version, so that receivers order it against
			// registers (docs/cluster.md, "Ordering"); reference receivers ignore it.
			return api.replicateCancel(node, i.region(), i.zone(), i.env(), i.appid(), i.hostname(),
					this.latestTimestamp, i.dirtyTimestamp(), replication, true);
		}

	}

	/**
	 * A set of status and metadata, as received.
	 *
	 * @param set the set
	 */
	record Set(ReplicatedSet set) implements ReplicationOp {

		@Override
		public Action action() {
			return Action.SET;
		}

		@Override
		public Key key() {
			return new Key(Action.SET, this.set.env(), this.set.appid(), this.set.zone(),
					String.join("\n", this.set.hostnames()));
		}

		@Override
		public List<Key> instances() {
			List<Key> keys = new ArrayList<>(this.set.hostnames().size());
			for (String hostname : this.set.hostnames()) {
				keys.add(new Key(null, this.set.env(), this.set.appid(), this.set.zone(), hostname));
			}
			return keys;
		}

		@Override
		public Response<?> send(DiscoveryHttpApi api, UriBuilderFactory node, boolean replication) {
			ReplicatedSet s = this.set;
			return api.replicateSet(node, s.region(), s.zone(), s.env(), s.appid(), s.hostnames(), s.statuses(),
					s.metadata(), s.setTimestamp(), replication, true);
		}

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

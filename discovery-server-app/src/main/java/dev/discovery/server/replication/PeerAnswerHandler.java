package dev.discovery.server.replication;

import java.time.Clock;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.Timestamps;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.LastWriteWins;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.registry.Registry;
import dev.discovery.server.replication.PeerChannel.Outcome;
import dev.discovery.server.replication.Replicator.ReplicatedSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a peer's answer to a replicated change means (docs/wire-protocol.md §5.4): the
 * status of a local peer in the node list, whether the change is retried, and the
 * follow-ups that reconcile two nodes that disagree about an instance.
 */
final class PeerAnswerHandler implements PeerChannel.AnswerHandler {

	private static final Log logger = LogFactory.getLog(PeerAnswerHandler.class);

	private final ClusterNodes nodes;

	private final Registry registry;

	private final LastWriteWins writes;

	private final Clock clock;

	/**
	 * Creates the handler.
	 * @param nodes told whether local peers answer
	 * @param registry read for repairs
	 * @param writes stores newer copies held by peers, in version order
	 * @param clock time source for the timestamps of an adopted copy
	 */
	PeerAnswerHandler(ClusterNodes nodes, Registry registry, LastWriteWins writes, Clock clock) {
		this.nodes = nodes;
		this.registry = registry;
		this.writes = writes;
		this.clock = clock;
	}

	@Override
	public Outcome handle(PeerChannel channel, String address, ReplicationOp op, PeerAnswer answer) {
		if (channel.isLocalPeer()) {
			this.nodes.markReachable(address, answer.isAlive());
		}
		if (!answer.authenticated()) {
			// Not a node holding the secret: nothing it says counts, and nothing is kept
			// for it; should it prove to be a peer (secret fixed), the catch-up after its
			// return reconciles.
			return Outcome.PERMANENT;
		}
		if (answer.code() == null) {
			int status = answer.httpStatus();
			return (status >= 400 && status < 500) ? Outcome.PERMANENT : Outcome.TRANSIENT;
		}
		int code = answer.code();
		if (code == 0) {
			return Outcome.SUCCESS;
		}
		if (code == -500 || code == ErrorCode.UNAUTHORIZED.code()) {
			// -401: the peer refuses our signature (another secret, or clocks further
			// apart than the replay window): retry, it may be fixed.
			return Outcome.TRANSIENT;
		}
		if (op instanceof ReplicationOp.Renew renew) {
			if (code == -404) {
				// Unknown there, or our copy is newer: send it the full instance.
				repair(channel, renew.instance().env(), renew.instance().appid(), renew.instance().zone(),
						renew.instance().hostname());
				return Outcome.SUCCESS;
			}
			if (code == -409) {
				adopt(address, answer);
				return Outcome.SUCCESS;
			}
		}
		else if (op instanceof ReplicationOp.Cancel && code == -404) {
			return Outcome.SUCCESS;
		}
		else if (op instanceof ReplicationOp.Cancel && code == -409) {
			// Our cancel is older than the peer's copy: the copy wins.
			adopt(address, answer);
			return Outcome.SUCCESS;
		}
		else if (op instanceof ReplicationOp.Set set && code == -400) {
			// The peer may miss an instance the set names: send what this node has.
			ReplicatedSet s = set.set();
			for (String hostname : s.hostnames()) {
				repair(channel, s.env(), s.appid(), s.zone(), hostname);
			}
		}
		return Outcome.PERMANENT;
	}

	private void repair(PeerChannel channel, String env, String appid, String zone, String hostname) {
		Lease lease = this.registry.lease(new AppKey(env, appid), zone, hostname);
		if (lease != null) {
			channel.offer(ReplicationOp.register(lease.current()));
		}
	}

	/**
	 * Stores the newer copy a peer returned with -409, as a register from a peer would:
	 * this node's timestamps, the peer's data and dirty timestamp. Not replicated: the
	 * peer that holds it has sent it to the others itself.
	 */
	private void adopt(String address, PeerAnswer answer) {
		Instance sent = answer.instance();
		if (sent == null || sent.hostname().isEmpty()) {
			return;
		}
		Instance copy = Instances.normalized(sent);
		Lease local = this.registry.lease(new AppKey(copy.env(), copy.appid()), copy.zone(), copy.hostname());
		if (local != null && local.instance().dirtyTimestamp() >= copy.dirtyTimestamp()) {
			return;
		}
		long now = Timestamps.nanos(this.clock);
		this.writes
			.register(new Instance(copy.region(), copy.zone(), copy.env(), copy.appid(), copy.hostname(), copy.addrs(),
					copy.version(), copy.metadata(), copy.status(), now, now, now, copy.dirtyTimestamp(), now));
		logger.info("Took the newer copy of " + copy.env() + "." + copy.appid() + "/" + copy.hostname() + " from "
				+ address + " (dirty_timestamp " + copy.dirtyTimestamp() + ")");
	}

}

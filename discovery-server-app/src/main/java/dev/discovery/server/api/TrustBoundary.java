package dev.discovery.server.api;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Timestamps;
import dev.discovery.server.replication.Origin;
import dev.discovery.server.replication.PeerSignature;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Decides who sent a write and what it may set (docs/cluster.md, "Trust boundary"): the
 * flags {@code replication} and {@code from_zone}, the timestamps {@code dirty_timestamp}
 * and {@code set_timestamp}, and writes of {@code infra.discovery} count only from server
 * nodes. With a cluster secret a server node is a sender with a valid
 * {@link PeerSignature}; without one, any sender that sets a flag (as the reference and
 * its Go nodes do). A plain client's timestamps are ignored in both cases. Sits after
 * routing, on the parameters the handler binds, so the check sees exactly what is
 * applied.
 */
public final class TrustBoundary {

	private static final Log logger = LogFactory.getLog(TrustBoundary.class);

	private static final long LOG_INTERVAL_MILLIS = 10_000;

	private final PeerSignature signature;

	private final Clock clock;

	private final Duration maxClockSkew;

	private final Supplier<String> self;

	private volatile long lastLog;

	/**
	 * Creates the boundary.
	 * @param signature checks peers' signatures
	 * @param clock this node's clock
	 * @param maxClockSkew how far ahead of this node's clock a peer's timestamp may be
	 * @param self this node's advertised {@code host:port}, which peers sign for
	 */
	public TrustBoundary(PeerSignature signature, Clock clock, Duration maxClockSkew, Supplier<String> self) {
		this.signature = signature;
		this.clock = clock;
		this.maxClockSkew = maxClockSkew;
		this.self = self;
	}

	/**
	 * The origin of a write, refusing what its sender may not claim.
	 * @param request the routed request
	 * @param params its bound parameters
	 * @return the origin
	 * @throws UnauthorizedException for a bad signature, a server node's flag without a
	 * valid signature (with a secret), or a client's write of {@code infra.discovery}
	 */
	Origin origin(ServerRequest request, Params params) {
		PeerSignature.Verdict verdict = this.signature.verify(request.method().name(), this.self.get(), request.path(),
				(name) -> request.headers().firstHeader(name), params.asMap());
		boolean replication = params.bool("replication");
		boolean fromZone = params.bool("from_zone");
		if (verdict.status() == PeerSignature.Verdict.Status.INVALID) {
			throw refused(request, "peer signature refused: " + verdict.reason());
		}
		if (this.signature.isRequired() && verdict.status() != PeerSignature.Verdict.Status.VALID
				&& (replication || fromZone)) {
			throw refused(request, "replication=true and from_zone=true are reserved to server nodes: "
					+ "this request carries no valid peer signature");
		}
		Origin origin = Origin.of(replication, fromZone);
		if (origin == Origin.CLIENT && DiscoveryApi.SELF_APPID.equals(params.string("appid"))) {
			throw refused(request, DiscoveryApi.SELF_APPID + " is written by server nodes only");
		}
		return origin;
	}

	/**
	 * A timestamp only server nodes may set: ignored (0) from a client; refused when it
	 * is further ahead of this node's clock than the allowed skew, so that nobody can pin
	 * an instance with a timestamp from the future.
	 * @param params the bound parameters (the value is validated for everyone)
	 * @param name {@code dirty_timestamp} or {@code set_timestamp}
	 * @param origin who sent it
	 * @return the timestamp to apply, 0 for none
	 */
	long peerTimestamp(Params params, String name, Origin origin) {
		long value = params.int64(name);
		if (origin == Origin.CLIENT) {
			return 0;
		}
		long limit = Timestamps.nanos(this.clock) + this.maxClockSkew.toNanos();
		if (value > limit) {
			throw new InvalidRequestException(
					"'" + name + "' is more than " + this.maxClockSkew.toSeconds() + " s ahead of this node's clock");
		}
		return value;
	}

	private UnauthorizedException refused(ServerRequest request, String reason) {
		long now = this.clock.millis();
		if (now - this.lastLog > LOG_INTERVAL_MILLIS) {
			this.lastLog = now;
			logger.warn("Refused " + request.method() + " " + request.path() + " from "
					+ request.remoteAddress().map(Object::toString).orElse("?") + ": " + reason
					+ " (further refusals within 10 s are not logged)");
		}
		return new UnauthorizedException(reason);
	}

}

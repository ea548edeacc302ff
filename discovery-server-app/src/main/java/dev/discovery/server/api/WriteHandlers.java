package dev.discovery.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.replication.Origin;
import dev.discovery.server.service.CancelOutcome;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.RenewOutcome;
import dev.discovery.server.service.SetCommand;

import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Handlers of register, renew, cancel and set (docs/wire-protocol.md §3.1–3.4).
 */
final class WriteHandlers {

	private final DiscoveryService service;

	private final Answers answers;

	private final MetadataParser metadata;

	private final TrustBoundary trust;

	WriteHandlers(DiscoveryService service, Answers answers, MetadataParser metadata, TrustBoundary trust) {
		this.service = service;
		this.answers = answers;
		this.metadata = metadata;
		this.trust = trust;
	}

	Mono<ServerResponse> register(Params params, Origin origin) {
		String zone = params.required("zone");
		String env = params.required("env");
		String appid = params.required("appid");
		String hostname = params.required("hostname");
		long status = params.uint32("status");
		List<String> addrs = params.splitList("addrs");
		if (addrs.isEmpty()) {
			throw new InvalidRequestException("'addrs' is required");
		}
		if (addrs.size() > params.limits().maxAddrs()) {
			throw new InvalidRequestException("at most " + params.limits().maxAddrs() + " addrs per instance");
		}
		addrs.forEach((addr) -> params.checkLength("addrs", addr, params.limits().maxStringLength()));
		if (status != InstanceStatus.UP && status != InstanceStatus.WAITING) {
			// The reference answers an empty body for status > 2 (D8); 0 is its bind
			// failure.
			throw new InvalidRequestException("'status' must be 1 (UP) or 2 (WAITING)");
		}
		// Sent by peers and some clients; bound (so junk is refused) but not applied
		// [REF].
		params.int64("latest_timestamp");
		Map<String, String> meta = this.metadata.lenient(params.list("metadata").stream().findFirst().orElse(""));
		Instance request = new Instance(params.string("region"), zone, env, appid, hostname, addrs,
				params.string("version"), meta, (int) status, 0, 0, 0,
				this.trust.peerTimestamp(params, "dirty_timestamp", origin), 0);
		this.service.register(request, origin);
		return this.answers.ok();
	}

	Mono<ServerResponse> renew(Params params, Origin origin) {
		AppKey key = new AppKey(params.required("env"), params.required("appid"));
		String zone = params.required("zone");
		String hostname = params.required("hostname");
		RenewOutcome outcome = this.service.renew(key, zone, hostname,
				this.trust.peerTimestamp(params, "dirty_timestamp", origin), origin);
		if (outcome.instance() == null) {
			return this.answers.data(ErrorCode.NOTHING_FOUND, EnvelopeWriter.NULL);
		}
		return this.answers.value(outcome.code(), InstanceViews.forOutput(outcome.instance()));
	}

	Mono<ServerResponse> cancel(Params params, Origin origin) {
		AppKey key = new AppKey(params.required("env"), params.required("appid"));
		String zone = params.required("zone");
		String hostname = params.required("hostname");
		// A cancel from our peers carries the time it was made as dirty_timestamp
		// (docs/cluster.md, "Ordering"); reference peers send none.
		CancelOutcome outcome = this.service.cancel(key, zone, hostname, params.int64("latest_timestamp"),
				this.trust.peerTimestamp(params, "dirty_timestamp", origin), origin);
		return switch (outcome.result()) {
			case REMOVED -> this.answers.ok();
			case NOT_FOUND -> this.answers.code(ErrorCode.NOTHING_FOUND);
			case NEWER_COPY -> this.answers.value(ErrorCode.CONFLICT, InstanceViews.forOutput(outcome.instance()));
		};
	}

	Mono<ServerResponse> set(Params params, Origin origin) {
		String zone = params.required("zone");
		String env = params.required("env");
		String appid = params.required("appid");
		List<String> hostnames = params.list("hostname");
		List<String> statusTexts = params.list("status");
		List<String> metadataTexts = params.list("metadata");
		if (hostnames.isEmpty()) {
			throw new InvalidRequestException("'hostname' is required");
		}
		if (hostnames.size() > params.limits().maxAppids()) {
			throw new InvalidRequestException("at most " + params.limits().maxAppids() + " hostnames per set");
		}
		if ((!statusTexts.isEmpty() && statusTexts.size() != hostnames.size())
				|| (!metadataTexts.isEmpty() && metadataTexts.size() != hostnames.size())) {
			throw new InvalidRequestException("'status' and 'metadata' need exactly one value per hostname");
		}
		List<Integer> statuses = new ArrayList<>();
		for (String text : statusTexts) {
			long status = Params.parseInt64("status", text);
			if (status != InstanceStatus.UP && status != InstanceStatus.WAITING) {
				throw new InvalidRequestException("'status' must be 1 (UP) or 2 (WAITING)");
			}
			statuses.add((int) status);
		}
		List<Optional<Map<String, String>>> metadata = new ArrayList<>();
		for (String text : metadataTexts) {
			metadata.add(this.metadata.strict(text));
		}
		SetCommand command = new SetCommand(params.string("region"), zone, env, appid, hostnames, statuses,
				metadataTexts, metadata, this.trust.peerTimestamp(params, "set_timestamp", origin));
		if (!this.service.set(command, origin)) {
			throw new InvalidRequestException("app, zone or hostname not found");
		}
		return this.answers.ok();
	}

}

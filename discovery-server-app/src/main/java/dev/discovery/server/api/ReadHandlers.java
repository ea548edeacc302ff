package dev.discovery.server.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import dev.discovery.server.service.ClusterView;
import dev.discovery.server.service.DiscoveryService;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Handlers of fetch, fetchs, nodes and fetch/all (docs/wire-protocol.md §3.5, 3.6, 3.9,
 * 3.10).
 */
final class ReadHandlers {

	private final DiscoveryService service;

	private final ClusterView nodes;

	private final InstanceViews views;

	private final Answers answers;

	ReadHandlers(DiscoveryService service, ClusterView nodes, InstanceViews views, Answers answers) {
		this.service = service;
		this.nodes = nodes;
		this.views = views;
		this.answers = answers;
	}

	Mono<ServerResponse> fetch(ServerRequest request, Params params) {
		String appid = params.required("appid");
		String env = params.required("env");
		long status = requiredStatus(params);
		String zone = zone(params);
		AppSnapshot snapshot = this.service.snapshot(new AppKey(env, appid));
		if (snapshot == null) {
			return this.answers.data(ErrorCode.NOTHING_FOUND, EnvelopeWriter.NULL);
		}
		if (zone != null && !snapshot.zones().containsKey(zone)) {
			return this.answers.data(ErrorCode.NOTHING_FOUND,
					("{\"instances\":{},\"latest_timestamp\":" + snapshot.latestTimestamp() + "}")
						.getBytes(StandardCharsets.UTF_8));
		}
		return this.answers.send(this.views.standard(snapshot, zone, status, Answers.acceptsGzip(request)));
	}

	Mono<ServerResponse> fetchs(ServerRequest request, Params params) {
		List<String> appids = params.appids();
		String env = params.required("env");
		long status = requiredStatus(params);
		String zone = zone(params);
		EnvelopeWriter.Members data = EnvelopeWriter.members(appids.size());
		for (String appid : appids) {
			AppSnapshot snapshot = this.service.snapshot(new AppKey(env, appid));
			if (snapshot == null || (zone != null && !snapshot.zones().containsKey(zone))) {
				continue;
			}
			data.add(appid, this.views.info(snapshot, zone, status));
		}
		return this.answers.send(EnvelopeWriter.standard(ErrorCode.OK, data.toByteArray()),
				Answers.acceptsGzip(request));
	}

	Mono<ServerResponse> nodes(Params params) {
		return this.answers.value(ErrorCode.OK, this.nodes.nodes());
	}

	Mono<ServerResponse> fetchAll(ServerRequest request, Params params) {
		// Used by peers at startup: every instance of every env and zone, with the live
		// renew time and metadata as stored (null when none).
		Map<String, List<Instance>> all = new TreeMap<>();
		for (AppSnapshot snapshot : this.service.snapshots()) {
			List<Instance> instances = all.computeIfAbsent(snapshot.key().appid(), (k) -> new ArrayList<>());
			for (Lease lease : snapshot.leases()) {
				instances.add(lease.current());
			}
		}
		return this.answers.value(ErrorCode.OK, all, Answers.acceptsGzip(request));
	}

	private static long requiredStatus(Params params) {
		long status = params.uint32("status");
		if (status == 0) {
			throw new InvalidRequestException("'status' is required");
		}
		return status;
	}

	static @Nullable String zone(Params params) {
		String zone = params.string("zone");
		return zone.isEmpty() ? null : zone;
	}

}

package dev.discovery.server.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.server.registry.AppKey;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.PollService;
import dev.discovery.server.service.PolledApps;
import dev.discovery.server.service.Watch;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Handlers of the long polls poll and polls (docs/wire-protocol.md §3.7, §3.8, §4). A
 * parked poll holds no thread; it is released on answer, timeout and client disconnect.
 */
final class PollHandlers {

	/** The reference subtracts this from the client's timeout header. */
	private static final Duration HEADER_MARGIN = Duration.ofMillis(20);

	private static final long UP_ONLY = 1;

	private final PollService polls;

	private final DiscoveryService service;

	private final InstanceViews views;

	private final Answers answers;

	private final Duration hold;

	PollHandlers(PollService polls, DiscoveryService service, InstanceViews views, Answers answers, Duration hold) {
		this.polls = polls;
		this.service = service;
		this.views = views;
		this.answers = answers;
		this.hold = hold;
	}

	Mono<ServerResponse> polls(ServerRequest request, Params params) {
		List<String> appids = params.appids();
		String env = params.required("env");
		params.required("hostname");
		String zone = ReadHandlers.zone(params);
		List<Long> timestamps = params.int64List("latest_timestamp");
		if (timestamps.size() != params.splitList("appid").size()) {
			throw new InvalidRequestException("-400");
		}
		Watch<PolledApps> poll = this.polls.polls(env, appids, firstTimestamps(params.splitList("appid"), timestamps),
				zone);
		boolean gzip = Answers.acceptsGzip(request);
		return hold(request, poll, (answer) -> {
			if (answer.changed().size() == 1 && answer.missing().isEmpty()) {
				// The shape of nearly every answer: built once per change of the app.
				return this.views.polls(answer.changed().values().iterator().next(), zone, gzip);
			}
			return this.answers.compressed(EnvelopeWriter.polls(render(answer, zone), answer.missing()), gzip);
		});
	}

	Mono<ServerResponse> poll(ServerRequest request, Params params) {
		List<String> appids = params.appids();
		String env = params.required("env");
		params.required("hostname");
		String zone = ReadHandlers.zone(params);
		List<Long> timestamps = params.int64List("latest_timestamp");
		List<String> raw = params.splitList("appid");
		// A count mismatch makes every timestamp 0, as in the reference.
		List<Long> paired = (timestamps.size() == raw.size()) ? firstTimestamps(raw, timestamps)
				: Collections.nCopies(appids.size(), 0L);
		String first = appids.get(0);
		AppKey key = new AppKey(env, first);
		Watch<PolledApps> poll = this.polls.poll(env, appids, paired, zone);
		if (poll == null) {
			// Decided before parking anything, so nothing leaks (D4).
			return this.answers.send(EnvelopeWriter.map(ErrorCode.NOTHING_FOUND, first + " not found"));
		}
		// Whichever requested app changed, the answer is the first app's current snapshot
		// ([FIX] of the reference's data:null).
		boolean gzip = Answers.acceptsGzip(request);
		return hold(request, poll, (answer) -> {
			AppSnapshot snapshot = this.service.snapshot(key);
			if (snapshot != null && (zone == null || snapshot.zones().containsKey(zone))) {
				return this.views.standard(snapshot, zone, UP_ONLY, gzip);
			}
			return new InstanceViews.Body(EnvelopeWriter.standard(ErrorCode.OK, EnvelopeWriter.NULL), false);
		});
	}

	private Mono<ServerResponse> hold(ServerRequest request, Watch<PolledApps> poll,
			java.util.function.Function<PolledApps, InstanceViews.Body> render) {
		InstanceViews.Body notModified = new InstanceViews.Body(EnvelopeWriter.standard(ErrorCode.NOT_MODIFIED), false);
		// The broadcaster thread only completes the future; rendering and writing run on
		// the parallel scheduler, so a wake-up of thousands of polls uses every core.
		return Mono.fromFuture(poll.answer(), true)
			.publishOn(Schedulers.parallel())
			.flatMap((answer) -> answer.isNodeStopping() ? this.answers.nodeStopping()
					: this.answers.send(render.apply(answer)))
			.timeout(holdFor(request), Mono.defer(() -> this.answers.send(notModified)))
			.doFinally((signal) -> poll.close());
	}

	private Map<String, byte[]> render(PolledApps answer, @Nullable String zone) {
		Map<String, byte[]> data = new LinkedHashMap<>();
		answer.changed().forEach((appid, snapshot) -> data.put(appid, this.views.info(snapshot, zone, UP_ONLY)));
		return data;
	}

	/**
	 * The hold: 30 s, or the client's own timeout header minus a margin when shorter.
	 */
	Duration holdFor(ServerRequest request) {
		String header = request.headers().firstHeader(DiscoveryApi.TIMEOUT_HEADER);
		if (header != null) {
			try {
				Duration client = Duration.ofMillis(Long.parseLong(header.trim())).minus(HEADER_MARGIN);
				if (client.compareTo(this.hold) < 0) {
					return client.isNegative() ? Duration.ZERO : client;
				}
			}
			catch (NumberFormatException ex) {
				// An unreadable header is ignored, as by the reference.
			}
		}
		return this.hold;
	}

	/**
	 * Pairs appids with timestamps by position and keeps the first of duplicate appids.
	 */
	private static List<Long> firstTimestamps(List<String> rawAppids, List<Long> timestamps) {
		Map<String, Long> first = new LinkedHashMap<>();
		for (int n = 0; n < rawAppids.size(); n++) {
			first.putIfAbsent(rawAppids.get(n), timestamps.get(n));
		}
		return Collections.unmodifiableList(new ArrayList<>(first.values()));
	}

}

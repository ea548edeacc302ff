package dev.discovery.server.api;

import java.util.Set;
import java.util.function.BiFunction;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.server.replication.Origin;
import dev.discovery.server.service.ClusterView;
import dev.discovery.server.service.DiscoveryService;
import dev.discovery.server.service.PollService;
import dev.discovery.server.service.ReadGate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The route table of the discovery API: ten routes under {@code /discovery}, plain-text
 * 404/405 for everything else there, and a -400 envelope for any request that cannot be
 * bound. No input produces an HTTP 500.
 */
public final class DiscoveryRoutes {

	private static final Log logger = LogFactory.getLog(DiscoveryRoutes.class);

	private static final Set<String> KNOWN = Set.of(DiscoveryApi.REGISTER, DiscoveryApi.RENEW, DiscoveryApi.CANCEL,
			DiscoveryApi.SET, DiscoveryApi.FETCH, DiscoveryApi.FETCHS, DiscoveryApi.POLL, DiscoveryApi.POLLS,
			DiscoveryApi.NODES, DiscoveryApi.FETCH_ALL);

	/**
	 * How long a compressed answer may show renew times older than the last heartbeat
	 * (plain answers always show the last one).
	 */
	private static final Duration COMPRESSED_REFRESH = Duration.ofSeconds(1);

	private final WriteHandlers writes;

	private final ReadHandlers reads;

	private final PollHandlers polls;

	private final Answers answers;

	private final ReadGate gate;

	private final RequestLimits limits;

	private final TrustBoundary trust;

	/**
	 * Creates the routes.
	 * @param service the discovery operations
	 * @param polls decides and parks long polls
	 * @param nodes answers {@code /discovery/nodes}
	 * @param gate refuses reads during startup protection
	 * @param mapper serializes answers
	 * @param schedulers zone scheduling configs
	 * @param limits request size limits
	 * @param pollHold how long a poll is held without change
	 * @param trust decides what a write's sender may set
	 */
	public DiscoveryRoutes(DiscoveryService service, PollService polls, ClusterView nodes, ReadGate gate,
			JsonMapper mapper, SchedulerSource schedulers, RequestLimits limits, Duration pollHold,
			TrustBoundary trust) {
		this.answers = new Answers(mapper);
		InstanceViews views = new InstanceViews(mapper, schedulers, System::nanoTime, COMPRESSED_REFRESH);
		this.writes = new WriteHandlers(service, this.answers, new MetadataParser(mapper, limits.maxMetadataLength()),
				trust);
		this.trust = trust;
		this.reads = new ReadHandlers(service, nodes, views, this.answers);
		this.polls = new PollHandlers(polls, service, views, this.answers, pollHold);
		this.gate = gate;
		this.limits = limits;
	}

	/**
	 * The router function to register as a bean.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST(DiscoveryApi.REGISTER, (r) -> write(r, this.writes::register))
			.POST(DiscoveryApi.RENEW, (r) -> write(r, this.writes::renew))
			.POST(DiscoveryApi.CANCEL, (r) -> write(r, this.writes::cancel))
			.POST(DiscoveryApi.SET, (r) -> write(r, this.writes::set))
			.GET(DiscoveryApi.FETCH, (r) -> read(r, this.reads::fetch))
			.GET(DiscoveryApi.FETCHS, (r) -> read(r, this.reads::fetchs))
			.GET(DiscoveryApi.POLL, (r) -> read(r, this.polls::poll))
			.GET(DiscoveryApi.POLLS, (r) -> read(r, this.polls::polls))
			.GET(DiscoveryApi.NODES, (r) -> read(r, (req, p) -> this.reads.nodes(p)))
			.GET(DiscoveryApi.FETCH_ALL, (r) -> read(r, this.reads::fetchAll))
			.route((r) -> r.path().startsWith("/discovery/"), this::fallback)
			.build();
	}

	private Mono<ServerResponse> write(ServerRequest request,
			BiFunction<Params, Origin, Mono<ServerResponse>> handler) {
		return handle(request, (req, params) -> handler.apply(params, this.trust.origin(req, params)));
	}

	private Mono<ServerResponse> read(ServerRequest request,
			BiFunction<ServerRequest, Params, Mono<ServerResponse>> h) {
		if (!this.gate.isOpen()) {
			return this.answers.code(ErrorCode.SERVER_ERR);
		}
		return handle(request, h);
	}

	private Mono<ServerResponse> handle(ServerRequest request,
			BiFunction<ServerRequest, Params, Mono<ServerResponse>> handler) {
		return params(request).flatMap((params) -> handler.apply(request, params))
			.onErrorResume(InvalidRequestException.class, (ex) -> this.answers.invalid(ex.getMessage()))
			.onErrorResume(UnauthorizedException.class,
					(ex) -> this.answers.send(EnvelopeWriter.standard(ErrorCode.UNAUTHORIZED, ex.getMessage(), null)))
			.onErrorResume((ex) -> !(ex instanceof InvalidRequestException || ex instanceof UnauthorizedException),
					(ex) -> unexpected(request, ex));
	}

	private Mono<ServerResponse> unexpected(ServerRequest request, Throwable ex) {
		logger.error("Unexpected failure on " + request.method() + " " + request.path(), ex);
		return this.answers.code(ErrorCode.SERVER_ERR);
	}

	/**
	 * Binds form body (urlencoded or multipart) and query string; any other body is
	 * ignored.
	 */
	private Mono<Params> params(ServerRequest request) {
		MultiValueMap<String, String> query = request.queryParams();
		MediaType type = request.headers().contentType().orElse(null);
		if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			return request.multipartData()
				.onErrorMap(DiscoveryRoutes::isNotOurs, DiscoveryRoutes::unreadableBody)
				.map((parts) -> Params.of(fields(parts), query, this.limits));
		}
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			return request.formData()
				.onErrorMap(DiscoveryRoutes::isNotOurs, DiscoveryRoutes::unreadableBody)
				.map((form) -> Params.of(form, query, this.limits));
		}
		return Mono.fromSupplier(() -> Params.of(new LinkedMultiValueMap<>(), query, this.limits));
	}

	private static boolean isNotOurs(Throwable ex) {
		return !(ex instanceof InvalidRequestException);
	}

	/**
	 * Any failure to read the form body (bad percent escapes, size limit, broken
	 * multipart) is the client's: -400, not a server error.
	 */
	private static InvalidRequestException unreadableBody(Throwable ex) {
		return new InvalidRequestException("unreadable request body: " + ex.getMessage(), ex);
	}

	private static MultiValueMap<String, String> fields(MultiValueMap<String, Part> parts) {
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		parts.forEach((name, values) -> values.forEach((part) -> {
			if (part instanceof FormFieldPart field) {
				fields.add(name, field.value());
			}
		}));
		return fields;
	}

	private Mono<ServerResponse> fallback(ServerRequest request) {
		if (KNOWN.contains(request.path())) {
			return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue("Method Not Allowed");
		}
		return ServerResponse.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("404 page not found");
	}

}

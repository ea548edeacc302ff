package dev.discovery.server.api;

import java.time.Duration;

import dev.discovery.protocol.CatalogInfo;
import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.server.service.CatalogService;
import dev.discovery.server.service.Watch;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /discovery/catalog}, an extension of this server (docs/protocol.md, "Catalog
 * watch"): answers the app list of an env at once when the client's {@code version}
 * differs, otherwise holds the request until the list changes or the hold ends (-304).
 * Servers without it, such as the Go reference, answer HTTP 404, which tells clients to
 * fall back to {@code fetch/all}.
 */
public final class CatalogRoutes {

	private static final Duration HEADER_MARGIN = Duration.ofMillis(20);

	private final CatalogService service;

	private final Answers answers;

	private final JsonMapper mapper;

	private final Duration hold;

	/**
	 * Create the route.
	 * @param service the catalog service
	 * @param mapper serializes answers
	 * @param hold how long a watch is held without change
	 */
	public CatalogRoutes(CatalogService service, JsonMapper mapper, Duration hold) {
		this.service = service;
		this.answers = new Answers(mapper);
		this.mapper = mapper;
		this.hold = hold;
	}

	/**
	 * The router function to register as a bean, ahead of the discovery routes.
	 * @return the route
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().GET(DiscoveryApi.CATALOG, this::watch).build();
	}

	private Mono<ServerResponse> watch(ServerRequest request) {
		if (!this.service.isReadable()) {
			return this.answers.code(ErrorCode.SERVER_ERR);
		}
		String env = request.queryParam("env").map(String::trim).orElse("");
		if (env.isEmpty()) {
			return this.answers.invalid("env is required");
		}
		long version;
		try {
			version = Long.parseLong(request.queryParam("version").map(String::trim).orElse("0"));
		}
		catch (NumberFormatException ex) {
			return this.answers.invalid("version must be an integer");
		}
		Watch<CatalogInfo> poll = this.service.watch(env, version);
		byte[] notModified = EnvelopeWriter.standard(ErrorCode.NOT_MODIFIED);
		return Mono.fromFuture(poll.answer(), true)
			.publishOn(Schedulers.parallel())
			.map(this::render)
			.timeout(holdFor(request), Mono.fromSupplier(() -> notModified))
			.doFinally((signal) -> poll.close())
			.flatMap(this.answers::send);
	}

	private byte[] render(CatalogInfo catalog) {
		return EnvelopeWriter.standard(ErrorCode.OK, this.mapper.writeValueAsBytes(catalog));
	}

	// The hold, or the client's own timeout header minus a margin when shorter, as for
	// polls.
	private Duration holdFor(ServerRequest request) {
		String header = request.headers().firstHeader(DiscoveryApi.TIMEOUT_HEADER);
		if (header != null) {
			try {
				Duration client = Duration.ofMillis(Long.parseLong(header.trim())).minus(HEADER_MARGIN);
				if (client.compareTo(this.hold) < 0) {
					return client.isNegative() ? Duration.ZERO : client;
				}
			}
			catch (NumberFormatException ex) {
				// An unreadable header is ignored, as for polls.
			}
		}
		return this.hold;
	}

}

package dev.discovery.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.server.replication.PeerSecret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * When the cluster has a shared secret, refuses writes that claim to come from a server
 * node ({@code replication=true} or {@code from_zone=true}) without it: code -401, HTTP
 * 200, so that an ordinary client cannot forge peer state or skip replication. Reads,
 * {@code /discovery/fetch/all} included, need no secret: they only show what fetch shows.
 */
public final class PeerSecretFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(PeerSecretFilter.class);

	private static final Set<String> WRITES = Set.of(DiscoveryApi.REGISTER, DiscoveryApi.RENEW, DiscoveryApi.CANCEL,
			DiscoveryApi.SET);

	// Go's strconv.ParseBool, as Params reads booleans.
	private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

	private static final byte[] UNAUTHORIZED = ("{\"code\":-401,\"message\":\"replication=true and from_zone=true "
			+ "are reserved to server nodes: header " + PeerSecret.HEADER + " missing or wrong\",\"ttl\":1}")
		.getBytes(StandardCharsets.UTF_8);

	private final PeerSecret secret;

	public PeerSecretFilter(PeerSecret secret) {
		this.secret = secret;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.secret.isRequired() || exchange.getRequest().getMethod() != HttpMethod.POST
				|| !WRITES.contains(exchange.getRequest().getPath().value())
				|| this.secret.accepts(exchange.getRequest().getHeaders().getFirst(PeerSecret.HEADER))) {
			return chain.filter(exchange);
		}
		// The form is cached by the exchange, so the handler can still read it.
		return body(exchange).flatMap((body) -> {
			MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
			if (isTrue(body, query, "replication") || isTrue(body, query, "from_zone")) {
				logger.warn("Refused " + exchange.getRequest().getPath() + " claiming to come from a server node from "
						+ exchange.getRequest().getRemoteAddress() + ": no valid " + PeerSecret.HEADER);
				return unauthorized(exchange.getResponse());
			}
			return chain.filter(exchange);
		});
	}

	private static Mono<MultiValueMap<String, String>> body(ServerWebExchange exchange) {
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			return exchange.getMultipartData().map((parts) -> {
				MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
				parts.forEach((name, values) -> values.forEach((part) -> {
					if (part instanceof FormFieldPart field) {
						fields.add(name, field.value());
					}
				}));
				return fields;
			});
		}
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			return exchange.getFormData();
		}
		return Mono.just(new LinkedMultiValueMap<>());
	}

	/**
	 * The first value wins, body before query, as {@link Params} binds scalars.
	 */
	private static boolean isTrue(MultiValueMap<String, String> body, MultiValueMap<String, String> query,
			String name) {
		String value = body.getFirst(name);
		if (value == null) {
			value = query.getFirst(name);
		}
		return value != null && TRUE.contains(value);
	}

	private static Mono<Void> unauthorized(ServerHttpResponse response) {
		response.getHeaders().setContentType(Answers.JSON_UTF8);
		DataBuffer buffer = response.bufferFactory().wrap(UNAUTHORIZED);
		return response.writeWith(Mono.just(buffer));
	}

}

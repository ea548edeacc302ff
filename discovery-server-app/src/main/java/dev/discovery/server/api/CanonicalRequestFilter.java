package dev.discovery.server.api;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The first web filter: the one place where a request's path and body framing are
 * accepted or refused, before any other filter (the replication secret, authentication)
 * or the router sees the request, so that every check sees exactly the path the router
 * dispatches (docs/server.md, "Request checks").
 * <ul>
 * <li>A path that is not canonical (matrix parameters, percent escapes, dot segments,
 * empty segments, backslashes) answers -400. Case is significant everywhere, so a case
 * variant is simply an unknown path for the checks and the router alike.</li>
 * <li>An unreadable Content-Type answers -400 on a request that carries a body; on other
 * methods it is dropped, as the reference ignores it there.</li>
 * <li>A form or multipart body that cannot be read fails with an
 * {@link InvalidRequestException} (answered -400) for every reader of it.</li>
 * </ul>
 */
public final class CanonicalRequestFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(CanonicalRequestFilter.class);

	private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

	private static final Consumer<Throwable> DROPPED_AT_DEBUG = (ex) -> logger
		.debug("Second failure while reading a request body: " + ex.getMessage());

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		String pathProblem = pathProblem(rawPath);
		if (pathProblem != null) {
			return Rejections.write(exchange.getResponse(),
					"path '" + Rejections.abbreviate(String.valueOf(rawPath)) + "' is not canonical: " + pathProblem);
		}
		return next(chain, exchange);
	}

	private static Mono<Void> next(WebFilterChain chain, ServerWebExchange exchange) {
		// The multipart parser signals a truncated body twice; Reactor would log the
		// second
		// signal at ERROR. The key is Reactor's documented context-local onErrorDropped
		// hook.
		return chain.filter(new ReadErrorsAreTheClients(exchange))
			.contextWrite(Context.of(ON_ERROR_DROPPED, DROPPED_AT_DEBUG));
	}

	/**
	 * Why a raw request path is not canonical.
	 * @param rawPath the path as sent, escapes undecoded
	 * @return the reason, or {@code null} when the path is canonical
	 */
	static @Nullable String pathProblem(@Nullable String rawPath) {
		if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
			return null;
		}
		if (rawPath.charAt(0) != '/') {
			return "it must start with '/'";
		}
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c == '%') {
				return "percent escapes are not accepted in paths";
			}
			if (c == ';') {
				return "matrix parameters are not accepted";
			}
			if (c == '\\') {
				return "backslashes are not accepted";
			}
		}
		String[] segments = rawPath.substring(1).split("/", -1);
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return "empty path segment (double or trailing slash)";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "dot segments are not accepted";
			}
		}
		return null;
	}

	/**
	 * Every reader of the form or multipart body (the secret check, the routes) sees a
	 * failure to read it as the client's mistake.
	 */
	private static final class ReadErrorsAreTheClients extends ServerWebExchangeDecorator {

		private final Mono<MultiValueMap<String, String>> formData;

		private final Mono<MultiValueMap<String, Part>> multipartData;

		ReadErrorsAreTheClients(ServerWebExchange delegate) {
			super(delegate);
			this.formData = delegate.getFormData()
				.onErrorMap(ReadErrorsAreTheClients::isNotOurs, ReadErrorsAreTheClients::unreadable);
			this.multipartData = delegate.getMultipartData()
				.onErrorMap(ReadErrorsAreTheClients::isNotOurs, ReadErrorsAreTheClients::unreadable);
		}

		@Override
		public Mono<MultiValueMap<String, String>> getFormData() {
			return this.formData;
		}

		@Override
		public Mono<MultiValueMap<String, Part>> getMultipartData() {
			return this.multipartData;
		}

		private static boolean isNotOurs(Throwable ex) {
			return !(ex instanceof InvalidRequestException);
		}

		private static InvalidRequestException unreadable(Throwable ex) {
			return new InvalidRequestException("unreadable request body: " + ex.getMessage(), ex);
		}

	}

}

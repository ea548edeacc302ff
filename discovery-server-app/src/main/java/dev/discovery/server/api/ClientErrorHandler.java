package dev.discovery.server.api;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers an {@link InvalidRequestException} raised anywhere (a filter reading the body,
 * a route) with the -400 envelope, before Spring Boot's error handler would turn it into
 * an HTTP 500 and an ERROR log line: a client's mistake is logged at DEBUG only.
 */
public final class ClientErrorHandler implements WebExceptionHandler, Ordered {

	private static final Log logger = LogFactory.getLog(ClientErrorHandler.class);

	@Override
	public int getOrder() {
		// Spring Boot's ErrorWebExceptionHandler is at -1.
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof InvalidRequestException) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Refused " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + ": "
					+ ex.getMessage());
		}
		return Rejections.write(exchange.getResponse(), ex.getMessage());
	}

}

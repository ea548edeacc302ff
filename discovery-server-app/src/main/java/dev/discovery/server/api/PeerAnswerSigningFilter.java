package dev.discovery.server.api;

import dev.discovery.server.replication.PeerSignature;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.reactivestreams.Publisher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Signs the answer to every signed request (header {@value PeerSignature#ANSWER}), so
 * that the peer that sent it can tell this node's answers from anyone else's: only
 * authenticated answers make a node repair or adopt an instance (docs/cluster.md, "Peer
 * authentication"). Without a secret, or for unsigned requests, answers pass unchanged.
 */
public final class PeerAnswerSigningFilter implements WebFilter {

	private final PeerSignature signature;

	public PeerAnswerSigningFilter(PeerSignature signature) {
		this.signature = signature;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestSignature = exchange.getRequest().getHeaders().getFirst(PeerSignature.SIGNATURE);
		if (!this.signature.isRequired() || requestSignature == null) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		ServerHttpResponseDecorator signing = new ServerHttpResponseDecorator(response) {

			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				// Answers to peers are small envelopes: join them to sign the whole body.
				return DataBufferUtils.join(body)
					.switchIfEmpty(Mono.fromSupplier(() -> bufferFactory().wrap(new byte[0])))
					.flatMap((joined) -> {
						byte[] bytes = new byte[joined.readableByteCount()];
						joined.read(bytes);
						DataBufferUtils.release(joined);
						String mac = PeerAnswerSigningFilter.this.signature.signAnswer(requestSignature, bytes);
						if (mac != null) {
							getHeaders().set(PeerSignature.ANSWER, mac);
						}
						return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
					});
			}

		};
		return chain.filter(exchange.mutate().response(signing).build());
	}

}

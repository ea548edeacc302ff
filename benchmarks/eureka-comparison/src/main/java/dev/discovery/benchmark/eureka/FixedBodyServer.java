package dev.discovery.benchmark.eureka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServer;

/**
 * The stack's own limit: a Reactor Netty server (the one under WebFlux) that answers a
 * fixed body from memory, with no registry and no framework. {@code GET /fetch} answers
 * at once, {@code GET /park} waits for {@code POST /release}; both answer the gzip body
 * to clients that accept it. Run as a child JVM:
 * {@code FixedBodyServer <port> <body file> <gzip body file>}.
 */
public final class FixedBodyServer {

	private FixedBodyServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		ByteBuf plain = Unpooled
			.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Files.readAllBytes(Path.of(args[1]))));
		ByteBuf gzip = Unpooled
			.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Files.readAllBytes(Path.of(args[2]))));
		AtomicReference<Sinks.Empty<Void>> release = new AtomicReference<>(Sinks.empty());
		AtomicInteger parked = new AtomicInteger();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/fetch", (request, response) -> send(request, response, plain, gzip))
				.get("/park", (request, response) -> {
					parked.incrementAndGet();
					return release.get().asMono().then(Mono.defer(() -> {
						parked.decrementAndGet();
						return Mono.from(send(request, response, plain, gzip));
					}));
				})
				.get("/parked", (request, response) -> response.sendString(Mono.just(String.valueOf(parked.get()))))
				.post("/release", (request, response) -> {
					release.getAndSet(Sinks.empty()).tryEmitEmpty();
					return response.sendString(Mono.just("released"));
				}))
			.bindNow();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.disposeNow();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static org.reactivestreams.Publisher<Void> send(HttpServerRequest request, HttpServerResponse response,
			ByteBuf plain, ByteBuf gzip) {
		String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT_ENCODING, "");
		boolean compressed = accept.contains("gzip");
		ByteBuf body = compressed ? gzip : plain;
		response.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
			.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.readableBytes()));
		if (compressed) {
			response.header(HttpHeaderNames.CONTENT_ENCODING, "gzip");
		}
		return response.send(Mono.just(body.duplicate()));
	}

}

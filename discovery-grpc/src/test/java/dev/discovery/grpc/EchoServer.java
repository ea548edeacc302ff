package dev.discovery.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.discovery.grpc.test.EchoGrpc;
import dev.discovery.grpc.test.WhoReply;
import dev.discovery.grpc.test.WhoRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A real gRPC server on a loopback port that answers with its name and counts its calls.
 */
final class EchoServer implements AutoCloseable {

	private final String name;

	private final AtomicLong calls = new AtomicLong();

	private final Server server;

	EchoServer(String name) {
		this.name = name;
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void who(WhoRequest request, StreamObserver<WhoReply> responseObserver) {
					EchoServer.this.calls.incrementAndGet();
					responseObserver.onNext(WhoReply.newBuilder().setServer(EchoServer.this.name).build());
					responseObserver.onCompleted();
				}

			})
			.build();
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.server.getPort();
	}

	long calls() {
		return this.calls.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}

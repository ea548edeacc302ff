package dev.discovery.client.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where TCP connects hang: it listens with a backlog of one, never
 * accepts, and its queue is filled up front, so the kernel drops further handshakes. This
 * makes a connect timeout observable without contacting any other address.
 */
final class BlackholeNode implements AutoCloseable {

	private final ServerSocket listener;

	private final List<Socket> queued = new ArrayList<>();

	private BlackholeNode(ServerSocket listener) {
		this.listener = listener;
	}

	/**
	 * Open the port and fill its accept queue.
	 * @return the node
	 * @throws IOException when no port can be bound
	 */
	static BlackholeNode open() throws IOException {
		BlackholeNode node = new BlackholeNode(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
		for (int i = 0; i < 10; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(node.listener.getLocalSocketAddress(), 200);
				node.queued.add(socket);
			}
			catch (IOException ex) {
				// the queue is full: connects to this port now hang
				socket.close();
				return node;
			}
		}
		node.close();
		throw new IllegalStateException("Could not fill the accept queue of " + node.node());
	}

	/**
	 * The address of the port.
	 * @return {@code 127.0.0.1:port}
	 */
	String node() {
		return "127.0.0.1:" + ((InetSocketAddress) this.listener.getLocalSocketAddress()).getPort();
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : this.queued) {
			socket.close();
		}
		this.listener.close();
	}

}

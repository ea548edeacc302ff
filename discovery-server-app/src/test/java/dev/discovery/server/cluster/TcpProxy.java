package dev.discovery.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process TCP proxy on a loopback port in front of one node, to cut the network
 * between nodes: passing bytes, refusing (every connection closed at once), or a black
 * hole (connections accepted, nothing ever answered). Changing the mode cuts the
 * connections open at the time, as a real partition would.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile Mode mode = Mode.PASS;

	private volatile boolean closed;

	TcpProxy(int port, int target) {
		this.target = target;
		try {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.threads.execute(this::accept);
	}

	String address() {
		return ClusterNode.address(this.server.getLocalPort());
	}

	/**
	 * Switches the mode and cuts every open connection.
	 */
	void mode(Mode mode) {
		this.mode = mode;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				Mode current = this.mode;
				if (current == Mode.PASS) {
					connect(client);
				}
				else if (current == Mode.BLACK_HOLE) {
					this.open.add(client);
					this.threads.execute(() -> drain(client));
				}
				else {
					closeQuietly(client);
				}
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void connect(Socket client) {
		this.open.add(client);
		this.threads.execute(() -> {
			try {
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.open.add(upstream);
				this.threads.execute(() -> pipe(client, upstream));
				pipe(upstream, client);
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		});
	}

	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// cut
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private void drain(Socket socket) {
		byte[] buffer = new byte[4096];
		try (InputStream in = socket.getInputStream()) {
			while (in.read(buffer) >= 0) {
				// swallow, never answer
			}
		}
		catch (IOException ex) {
			// cut
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		this.closed = true;
		mode(Mode.REFUSE);
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.threads.shutdownNow();
	}

	/**
	 * What the proxy does with connections.
	 */
	enum Mode {

		/** Forwards both ways. */
		PASS,

		/** Closes every connection at once. */
		REFUSE,

		/** Accepts connections and never answers. */
		BLACK_HOLE

	}

}

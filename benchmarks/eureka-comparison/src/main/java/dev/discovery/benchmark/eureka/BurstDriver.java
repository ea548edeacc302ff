package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Holds N keep-alive connections on one selector thread and measures one burst of N
 * answers: either N requests that the server parks until a trigger (long polls), or N
 * requests sent at once (fetches). Each answer is read to its last byte and thrown away;
 * the times are from the start of the burst to the last byte of each answer.
 */
final class BurstDriver implements AutoCloseable {

	private static final int CONNECT_BATCH = 500;

	private final Selector selector;

	private final List<Connection> connections = new ArrayList<>();

	private final ByteBuffer scratch = ByteBuffer.allocateDirect(1 << 20);

	/**
	 * Opens N connections to a loopback port, in batches so that the accept queue of the
	 * server never overflows.
	 */
	BurstDriver(int port, int count) {
		try {
			this.selector = Selector.open();
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
			for (int from = 0; from < count; from += CONNECT_BATCH) {
				for (int n = from; n < Math.min(count, from + CONNECT_BATCH); n++) {
					SocketChannel channel = SocketChannel.open();
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					channel.connect(address);
					channel.configureBlocking(false);
					Connection connection = new Connection(n, channel);
					channel.register(this.selector, 0, connection);
					this.connections.add(connection);
				}
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException("Could not open " + count + " connections to " + port, ex);
		}
	}

	/**
	 * Sends one request on each of the first {@code count} connections (all of them at
	 * once, as fast as the kernel takes them) and does not wait for answers.
	 * @param count how many connections take part
	 * @param request the request of connection n
	 */
	void send(int count, IntFunction<String> request) {
		for (Connection connection : this.connections.subList(0, count)) {
			connection.start(request.apply(connection.index).getBytes(StandardCharsets.US_ASCII));
		}
	}

	/**
	 * Reads answers until each of the first {@code count} connections has one or the
	 * timeout passed.
	 * @param count how many connections take part
	 * @param start the start of the burst ({@link System#nanoTime()})
	 * @param timeout how long to wait at most
	 * @return the burst
	 */
	Burst await(int count, long start, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Connection> taking = this.connections.subList(0, count);
		try {
			int pending = 0;
			for (Connection connection : taking) {
				if (!connection.done) {
					pending++;
				}
			}
			while (pending > 0 && System.nanoTime() < deadline) {
				this.selector.select(100);
				for (SelectionKey key : this.selector.selectedKeys()) {
					Connection connection = (Connection) key.attachment();
					boolean before = connection.done;
					connection.ready(key, this.scratch);
					if (!before && connection.done) {
						pending--;
					}
				}
				this.selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long[] latencies = taking.stream()
			.filter(Connection::answered)
			.mapToLong((c) -> c.finished - start)
			.sorted()
			.toArray();
		long bytes = taking.stream().mapToLong((c) -> c.bodyBytes).sum();
		return new Burst(count, latencies, bytes);
	}

	/**
	 * Sends the requests of a fetch burst and reads every answer.
	 */
	Burst fetchBurst(int count, IntFunction<String> request, Duration timeout) {
		long start = System.nanoTime();
		send(count, request);
		return await(count, start, timeout);
	}

	int size() {
		return this.connections.size();
	}

	@Override
	public void close() {
		for (Connection connection : this.connections) {
			try {
				connection.channel.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	/**
	 * The answers of one burst.
	 *
	 * @param requested connections that sent a request
	 * @param latencies nanoseconds from the start to each answer's last byte, sorted
	 * @param bodyBytes body bytes received in all
	 */
	record Burst(int requested, long[] latencies, long bodyBytes) {

		int answered() {
			return this.latencies.length;
		}

		Duration last() {
			return Duration.ofNanos((this.latencies.length > 0) ? this.latencies[this.latencies.length - 1] : 0);
		}

		Duration percentile(double p) {
			if (this.latencies.length == 0) {
				return Duration.ZERO;
			}
			int at = (int) Math.ceil(p / 100 * this.latencies.length) - 1;
			return Duration.ofNanos(this.latencies[Math.max(0, Math.min(at, this.latencies.length - 1))]);
		}

		long bodyBytesPerAnswer() {
			return (this.latencies.length > 0) ? this.bodyBytes / this.latencies.length : 0;
		}

		@Override
		public String toString() {
			return answered() + "/" + this.requested + " answered, last " + last() + " "
					+ Arrays.toString(new Duration[] { percentile(50), percentile(99) });
		}

	}

	/**
	 * One connection: writes its request, then reads one answer (headers, then
	 * Content-Length bytes).
	 */
	private final class Connection {

		private final int index;

		private final SocketChannel channel;

		private ByteBuffer request = ByteBuffer.allocate(0);

		private final StringBuilder head = new StringBuilder();

		private long remaining = -1;

		private long bodyBytes;

		private long finished;

		private boolean done = true;

		Connection(int index, SocketChannel channel) {
			this.index = index;
			this.channel = channel;
		}

		void start(byte[] bytes) {
			this.request = ByteBuffer.wrap(bytes);
			this.head.setLength(0);
			this.remaining = -1;
			this.bodyBytes = 0;
			this.finished = 0;
			this.done = false;
			try {
				this.channel.write(this.request);
				SelectionKey key = this.channel.keyFor(BurstDriver.this.selector);
				key.interestOps(this.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		boolean answered() {
			return this.finished != 0;
		}

		void ready(SelectionKey key, ByteBuffer buffer) throws IOException {
			if (key.isWritable()) {
				this.channel.write(this.request);
				if (!this.request.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ);
				}
				return;
			}
			if (!key.isReadable()) {
				return;
			}
			while (true) {
				buffer.clear();
				int read = this.channel.read(buffer);
				if (read <= 0) {
					if (read < 0) {
						key.cancel();
						this.done = true;
					}
					return;
				}
				buffer.flip();
				if (this.remaining < 0) {
					readHead(buffer);
				}
				if (this.remaining >= 0) {
					int body = (int) Math.min(buffer.remaining(), this.remaining);
					this.remaining -= body;
					this.bodyBytes += body;
					if (this.remaining == 0) {
						this.finished = System.nanoTime();
						this.done = true;
						key.interestOps(0);
						return;
					}
				}
			}
		}

		private void readHead(ByteBuffer buffer) {
			while (buffer.hasRemaining()) {
				this.head.append((char) buffer.get());
				int length = this.head.length();
				if (length >= 4 && this.head.charAt(length - 1) == '\n' && this.head.charAt(length - 2) == '\r'
						&& this.head.charAt(length - 3) == '\n' && this.head.charAt(length - 4) == '\r') {
					this.remaining = contentLength(this.head.toString());
					return;
				}
			}
		}

		private long contentLength(String headers) {
			for (String line : headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
					return Long.parseLong(line.substring(colon + 1).trim());
				}
			}
			throw new IllegalStateException("Answer without Content-Length: " + headers);
		}

	}

}

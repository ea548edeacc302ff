package dev.discovery.server.faults;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.discovery.server.DiscoveryServerApplication;
import org.junit.jupiter.api.Test;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in its own process, with parked polls, receives SIGTERM: every parked poll is
 * answered -500 at once (clients move to another node), and the process exits. The time
 * from SIGTERM to exit is printed (docs/server.md, "Shutdown"), not asserted.
 */
class ShutdownWithParkedPollsTests {

	private static final Log logger = LogFactory.getLog(ShutdownWithParkedPollsTests.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void sigtermAnswersEveryParkedPollAndExits() throws Exception {
		int port = freePort();
		Process node = start(port);
		List<SocketChannel> polls = new ArrayList<>();
		try {
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptions()
				.until(() -> get(port, "/actuator/health").contains("UP"));
			for (int n = 0; n < FaultSizes.PARKED_POLLS; n++) {
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				channel.write(StandardCharsets.ISO_8859_1
					.encode("GET /discovery/polls?appid=not.registered&env=dev&hostname=p" + n
							+ "&latest_timestamp=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
				channel.configureBlocking(false);
				polls.add(channel);
			}
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptions()
				.until(() -> get(port, "/actuator/metrics/discovery.polls.parked")
					.contains("\"value\":" + FaultSizes.PARKED_POLLS + ".0"));
			long start = System.nanoTime();
			node.destroy();
			assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node exited").isTrue();
			long exitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			int answered = 0;
			int unanswered = 0;
			for (SocketChannel channel : polls) {
				String answer = drain(channel);
				if (answer.startsWith("HTTP/1.1 200") && answer.contains("{\"code\":-500,")) {
					answered++;
				}
				else {
					unanswered++;
				}
			}
			logger.info(String.format(
					"Shutdown: %d parked polls; SIGTERM -> exit in %d ms; %d answered -500, %d not answered",
					FaultSizes.PARKED_POLLS, exitedMillis, answered, unanswered));
			assertThat(answered).isEqualTo(FaultSizes.PARKED_POLLS);
		}
		finally {
			node.destroyForcibly();
			for (SocketChannel channel : polls) {
				channel.close();
			}
		}
	}

	private static Process start(int port) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				DiscoveryServerApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--discovery.server.zone=sh001", "--discovery.server.env=dev", "--discovery.server.host=stopping1",
				"--spring.main.banner-mode=off");
		File log = Path.of("target", "faults", "shutdown-node.log").toFile();
		log.getParentFile().mkdirs();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/** Whatever the node sent before it went away. */
	private static String drain(SocketChannel channel) {
		ByteBuffer buffer = ByteBuffer.allocate(4096);
		try {
			while (buffer.hasRemaining() && channel.read(buffer) > 0) {
				// keep reading what arrived
			}
		}
		catch (IOException ex) {
			// reset after the answer, or instead of it
		}
		buffer.flip();
		return StandardCharsets.ISO_8859_1.decode(buffer).toString();
	}

	private String get(int port, String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

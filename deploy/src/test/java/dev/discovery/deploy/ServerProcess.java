package dev.discovery.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A discovery server started as a child process on a free loopback port, the way a
 * container runtime starts it: a command line and an environment, nothing inherited but
 * what the JVM needs to find its way on this machine.
 */
final class ServerProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private ServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a server. The environment is the container's, with the address and port
	 * moved to a free loopback port and the cluster reduced to this node: the test must
	 * not reach any other address.
	 * @param command the command line
	 * @param environment the container's environment
	 * @param workingDirectory the working directory
	 * @param log file that receives the process's output
	 */
	static ServerProcess start(List<String> command, Map<String, String> environment, Path workingDirectory, Path log)
			throws IOException {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.clear();
		env.putAll(environment);
		env.put("SERVER_ADDRESS", "127.0.0.1");
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("DISCOVERY_SERVER_ADVERTISE_ADDRESS", "127.0.0.1:" + port);
		env.put("DISCOVERY_SERVER_NODES", "127.0.0.1:" + port);
		Files.createDirectories(log.getParent());
		return new ServerProcess(builder.start(), port, log);
	}

	int port() {
		return this.port;
	}

	/**
	 * Waits until a health path answers HTTP 200 with status UP, as a probe would see it.
	 * @return the body of the answer
	 */
	String awaitUp(String path) {
		String[] body = new String[1];
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptionsInstanceOf(IOException.class)
			.untilAsserted(() -> {
				assertThat(this.process.isAlive()).as("server process alive (log: %s)", this.log).isTrue();
				HttpResponse<String> answer = get(path);
				assertThat(answer.statusCode()).as("HTTP status of %s", path).isEqualTo(200);
				assertThat(answer.body()).as("body of %s", path).contains("\"status\":\"UP\"");
				body[0] = answer.body();
			});
		return body[0];
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * Sends SIGTERM, as the kubelet does, and waits for the process to exit.
	 * @param gracePeriod how long the kubelet would wait before SIGKILL
	 * @return the exit code
	 */
	int terminate(Duration gracePeriod) throws InterruptedException {
		this.process.destroy();
		boolean exited = this.process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(exited)
			.as("server exited within the grace period of %s after SIGTERM (log: %s)", gracePeriod, this.log)
			.isTrue();
		return this.process.exitValue();
	}

	String log() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

package dev.discovery.server.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.discovery.server.DiscoveryServerApplication;

/**
 * A server node in its own JVM, so that it can be killed abruptly (SIGKILL): no shutdown
 * hook, no self-cancel, no draining of its replication queues.
 */
final class ChildProcessNode implements AutoCloseable {

	private final Process process;

	private ChildProcessNode(Process process) {
		this.process = process;
	}

	static ChildProcessNode start(int port, String zone, List<String> nodes, Path log) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				DiscoveryServerApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--discovery.server.zone=" + zone, "--discovery.server.env=dev", "--discovery.server.host=node-" + port,
				"--discovery.server.advertise-address=" + ClusterNode.address(port),
				"--discovery.server.nodes=" + String.join(",", nodes),
				"--discovery.server.replication.max-backoff=500ms", "--spring.main.banner-mode=off"));
		try {
			File file = log.toFile();
			file.getParentFile().mkdirs();
			return new ChildProcessNode(
					new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Kills the JVM without any shutdown processing.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}

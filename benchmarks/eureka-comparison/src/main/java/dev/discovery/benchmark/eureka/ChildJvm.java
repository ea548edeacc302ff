package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One app of a stack running in its own JVM, its output in a log file; stopped with
 * SIGTERM so that it shuts down the way an orchestrator stops it.
 */
final class ChildJvm implements AutoCloseable {

	private final String name;

	private final Process process;

	private ChildJvm(String name, Process process) {
		this.name = name;
		this.process = process;
	}

	/**
	 * Starts {@code java <jvmOptions> <launch...> <args...>} where launch is
	 * {@code -cp classpath mainClass} or {@code -jar file}.
	 */
	static ChildJvm start(String name, Path logDir, List<String> launch, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(launch);
		command.addAll(args);
		try {
			Files.createDirectories(logDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logDir.resolve(name + ".log").toFile())
				.start();
			return new ChildJvm(name, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Sends SIGTERM (a graceful stop) without waiting for the process to end.
	 */
	void terminate() {
		this.process.destroy();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}

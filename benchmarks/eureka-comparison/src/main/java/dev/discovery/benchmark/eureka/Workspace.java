package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The module's build output the runner starts the apps from: target/classes and the
 * classpath files written by the build.
 */
record Workspace(Path target) {

	String classpath(String stack) {
		try {
			String dependencies = Files.readString(this.target.resolve("classpath").resolve(stack + ".txt")).trim();
			return this.target.resolve("classes") + java.io.File.pathSeparator + dependencies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Build the module first (-Pbenchmarks package)", ex);
		}
	}

	Path discoveryServerJar() {
		return this.target.resolve("classpath").resolve("discovery-server-app-exec.jar");
	}

	Path logs() {
		return this.target.resolve("benchmark-logs");
	}

	Path file(String name) {
		return this.target.resolve(name);
	}

}

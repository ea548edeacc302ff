package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Result lines, logged as they come and appended to a Markdown file.
 */
final class Report {

	private static final System.Logger logger = System.getLogger(Report.class.getName());

	private final Path file;

	Report(Path file) {
		this.file = file;
	}

	void line(String text) {
		logger.log(Level.INFO, text);
		try {
			Files.writeString(this.file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void progress(String text) {
		logger.log(Level.INFO, text);
	}

}

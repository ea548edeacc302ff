package dev.discovery.server.faults;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Collects the ERROR lines logged while it is attached: a client's mistake must not
 * produce one.
 */
final class ErrorLogCounter extends AppenderBase<ILoggingEvent> {

	private final List<String> errors = new ArrayList<>();

	static ErrorLogCounter attach() {
		ErrorLogCounter counter = new ErrorLogCounter();
		counter.setName("fault-suite-errors");
		counter.start();
		root().addAppender(counter);
		return counter;
	}

	void detach() {
		root().detachAppender(this);
		stop();
	}

	synchronized List<String> errors() {
		return List.copyOf(this.errors);
	}

	@Override
	protected synchronized void append(ILoggingEvent event) {
		if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			this.errors.add(event.getLoggerName() + ": " + event.getFormattedMessage());
		}
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}

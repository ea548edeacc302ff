package dev.discovery.benchmark.eureka;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polling helpers of the runner: it observes the apps from outside, so it can only poll.
 */
final class Waits {

	private Waits() {
	}

	static boolean until(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			pause(50);
		}
		return false;
	}

	static void awaitOk(String url, Duration timeout) {
		if (!until(() -> Http.get(url, "*/*").ok(), timeout)) {
			throw new IllegalStateException(url + " did not answer within " + timeout);
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}

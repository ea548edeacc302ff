package dev.discovery.server.faults;

/**
 * Sizes of the fault suite: small in the normal build, the figures with
 * {@code -Pfaults-long} (system property {@code faults.long}).
 */
final class FaultSizes {

	static final boolean LONG = Boolean.getBoolean("faults.long");

	/** Slow-header connections held open at once. */
	static final int SLOW_CLIENTS = LONG ? 5000 : 200;

	/** Simultaneous registrations of the storm. */
	static final int STORM = LONG ? 5000 : 500;

	/** Polls parked when the node receives SIGTERM. */
	static final int PARKED_POLLS = LONG ? 10_000 : 200;

	private FaultSizes() {
	}

}

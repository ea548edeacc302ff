package dev.discovery.protocol;

/**
 * Instance status values and read-filter masks (docs/wire-protocol.md §2.3).
 */
public final class InstanceStatus {

	/** Receives traffic. */
	public static final int UP = 1;

	/** Registered but receives no traffic. */
	public static final int WAITING = 2;

	/** Read mask matching UP and WAITING instances. */
	public static final int ALL = UP | WAITING;

	private InstanceStatus() {
	}

	/**
	 * Whether an instance status passes a read filter.
	 * @param mask the bit mask sent by the reader
	 * @param status the instance status
	 * @return {@code true} when {@code mask & status} is non-zero
	 */
	public static boolean matches(long mask, int status) {
		return (mask & status) != 0;
	}

}

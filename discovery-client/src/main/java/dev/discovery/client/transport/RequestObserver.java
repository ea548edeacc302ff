package dev.discovery.client.transport;

/**
 * Told about every request the transport sends to a node, one attempt at a time (a
 * request that fails on one node and succeeds on the next is two attempts), for metrics.
 */
@FunctionalInterface
public interface RequestObserver {

	/** Observes nothing. */
	RequestObserver NONE = (operation) -> Attempt.NONE;

	/**
	 * A request is about to be sent.
	 * @param operation what it does
	 * @return the attempt, to be told how it ended
	 */
	Attempt start(DiscoveryOperation operation);

	/**
	 * One request to one node; exactly one of its methods is called.
	 */
	interface Attempt {

		/** Ignores the outcome. */
		Attempt NONE = new Attempt() {

			@Override
			public void answered(int code) {
			}

			@Override
			public void failed() {
			}

			@Override
			public void cancelled() {
			}

		};

		/**
		 * The node answered with a business code.
		 * @param code the code, 0 for success
		 */
		void answered(int code);

		/**
		 * No usable answer: connection, timeout, HTTP or decoding failure.
		 */
		void failed();

		/**
		 * The client cancelled the request on purpose, such as a poll restarted to watch
		 * more apps.
		 */
		void cancelled();

	}

}

package dev.discovery.client.metrics;

import dev.discovery.client.transport.DiscoveryOperation;
import dev.discovery.client.transport.RequestObserver;
import dev.discovery.protocol.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request to a discovery node as {@code discovery.client.requests}, tagged
 * with the operation, the outcome ({@code success}, {@code error}, {@code failure} or
 * {@code cancelled}) and the business code ({@code none} without an answer).
 */
public class MicrometerRequestObserver implements RequestObserver {

	/** Name of the timer. */
	public static final String REQUESTS = "discovery.client.requests";

	private final MeterRegistry registry;

	/**
	 * Create the observer.
	 * @param registry where the timers go
	 */
	public MicrometerRequestObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Attempt start(DiscoveryOperation operation) {
		Timer.Sample sample = Timer.start(this.registry);
		return new Attempt() {

			@Override
			public void answered(int code) {
				stop(sample, operation, isSuccess(operation, code) ? "success" : "error", Integer.toString(code));
			}

			@Override
			public void failed() {
				stop(sample, operation, "failure", "none");
			}

			@Override
			public void cancelled() {
				stop(sample, operation, "cancelled", "none");
			}

		};
	}

	// a poll that ends without a change is the normal quiet case
	private static boolean isSuccess(DiscoveryOperation operation, int code) {
		return code == ErrorCode.OK.code()
				|| (operation == DiscoveryOperation.POLLS && code == ErrorCode.NOT_MODIFIED.code());
	}

	private void stop(Timer.Sample sample, DiscoveryOperation operation, String outcome, String code) {
		// the name is written out so that the docs check finds the meter
		sample.stop(Timer.builder("discovery.client.requests")
			.description("Requests to discovery nodes, one per attempt on a node")
			.tags(Tags.of("operation", operation.tagValue(), "outcome", outcome, "code", code))
			.register(this.registry));
	}

}

package dev.discovery.client.metrics;

import dev.discovery.client.transport.DiscoveryOperation;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerRequestObserver}.
 */
class MicrometerRequestObserverTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerRequestObserver observer = new MicrometerRequestObserver(this.registry);

	@Test
	void answerWithCodeZeroIsASuccess() {
		this.observer.start(DiscoveryOperation.REGISTER).answered(0);
		assertThat(timer("register", "success", "0").count()).isOne();
	}

	@Test
	void businessErrorIsTaggedWithItsCode() {
		this.observer.start(DiscoveryOperation.RENEW).answered(-404);
		assertThat(timer("renew", "error", "-404").count()).isOne();
	}

	@Test
	void pollWithoutChangeIsASuccess() {
		this.observer.start(DiscoveryOperation.POLLS).answered(-304);
		assertThat(timer("polls", "success", "-304").count()).isOne();
	}

	@Test
	void fetchNotModifiedIsAnError() {
		this.observer.start(DiscoveryOperation.FETCH).answered(-304);
		assertThat(timer("fetch", "error", "-304").count()).isOne();
	}

	@Test
	void requestWithoutAnswerIsAFailure() {
		this.observer.start(DiscoveryOperation.CANCEL).failed();
		assertThat(timer("cancel", "failure", "none").count()).isOne();
	}

	@Test
	void pollCancelledOnPurposeIsNotAFailure() {
		this.observer.start(DiscoveryOperation.POLLS).cancelled();
		assertThat(timer("polls", "cancelled", "none").count()).isOne();
	}

	private Timer timer(String operation, String outcome, String code) {
		return this.registry.get(MicrometerRequestObserver.REQUESTS)
			.tags("operation", operation, "outcome", outcome, "code", code)
			.timer();
	}

}

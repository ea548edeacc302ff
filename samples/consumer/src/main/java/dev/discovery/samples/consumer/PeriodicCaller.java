package dev.discovery.samples.consumer;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Calls the provider at a fixed rate and logs which instance answered, two calls through
 * RestTemplate, then two through RestClient, and so on. Switch it off with
 * {@code sample.caller.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.caller.enabled", matchIfMissing = true)
class PeriodicCaller {

	private static final Log logger = LogFactory.getLog(PeriodicCaller.class);

	private final ProviderClient providerClient;

	private final AtomicLong calls = new AtomicLong();

	PeriodicCaller(ProviderClient providerClient) {
		this.providerClient = providerClient;
	}

	@Scheduled(initialDelayString = "${sample.caller.interval:1s}", fixedDelayString = "${sample.caller.interval:1s}")
	void call() {
		long call = this.calls.incrementAndGet();
		// Two calls with each client in turn: the load balancer alternates between the
		// providers, so each client is seen reaching both.
		boolean viaRestTemplate = ((call - 1) / 2) % 2 == 0;
		String client = viaRestTemplate ? "RestTemplate" : "RestClient";
		try {
			Greeting greeting = viaRestTemplate ? this.providerClient.helloViaRestTemplate()
					: this.providerClient.helloViaRestClient();
			logger.info("call %d via %-12s -> answered by %s (port %d)".formatted(call, client, greeting.instanceId(),
					greeting.port()));
		}
		catch (RuntimeException ex) {
			// Keep calling: the point of the demo is to watch the spread change as
			// providers come and go.
			logger.warn("call %d via %-12s -> failed: %s".formatted(call, client, ex.getMessage()));
		}
	}

}

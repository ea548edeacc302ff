package dev.discovery.client.autoconfigure;

import dev.discovery.client.discovery.InstancePoller;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the core's long-poll loop with the application context: started after the other
 * lifecycles of the default phase, stopped before them.
 */
final class InstancePollerLifecycle implements SmartLifecycle {

	private final InstancePoller poller;

	InstancePollerLifecycle(InstancePoller poller) {
		this.poller = poller;
	}

	@Override
	public void start() {
		this.poller.start();
	}

	@Override
	public void stop() {
		this.poller.stop();
	}

	@Override
	public boolean isRunning() {
		return this.poller.isRunning();
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}

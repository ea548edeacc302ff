package dev.discovery.samples.e2e;

import org.springframework.http.client.ReactorResourceFactory;

/**
 * Reactor Netty's JVM-wide event loops and connection pool, left running when an
 * application stops.
 * <p>
 * Spring Boot's own factory disposes these global resources when its context closes. In
 * production every application has a JVM of its own, but here stopping one provider would
 * also stop the event loops of the discovery server and of every other client in the JVM.
 * The loop threads are daemons, so they end with the test JVM.
 */
class SharedReactorResources extends ReactorResourceFactory {

	@Override
	public void stop() {
		// Shared with the other applications in this JVM: keep running.
	}

	@Override
	public void destroy() {
		// Shared with the other applications in this JVM: keep running.
	}

}

package dev.discovery.test;

import java.time.Duration;

import reactor.netty.resources.LoopResources;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives the embedded server Reactor Netty event loops of its own.
 * <p>
 * Spring Boot's default {@link ReactorResourceFactory} uses Reactor Netty's JVM-wide
 * loops and disposes them when its context closes. In a test JVM that would stop the
 * loops of every other Reactor Netty server and client, such as the application under
 * test and its {@code WebClient}, each time the embedded server stops or restarts. With
 * its own resources the server leaves the global ones alone; Spring Boot's factory backs
 * off because a {@link ReactorResourceFactory} bean already exists.
 */
final class IsolatedReactorResources implements ApplicationContextInitializer<GenericApplicationContext> {

	static final String BEAN_NAME = "embeddedDiscoveryServerReactorResources";

	@Override
	public void initialize(GenericApplicationContext context) {
		context.registerBean(BEAN_NAME, ReactorResourceFactory.class, IsolatedReactorResources::resourceFactory);
	}

	private static ReactorResourceFactory resourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(() -> LoopResources.create("discovery-embedded", 2, true));
		// a test server has nothing to drain: stop (and restart) at once
		factory.setShutdownQuietPeriod(Duration.ZERO);
		factory.setShutdownTimeout(Duration.ofSeconds(5));
		return factory;
	}

}

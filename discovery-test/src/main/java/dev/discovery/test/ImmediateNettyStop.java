package dev.discovery.test;

import java.time.Duration;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Stops the embedded server's Netty server without waiting for open connections.
 * <p>
 * Clients keep a long poll parked on the server; Reactor Netty waits 3 s by default for
 * such connections before it gives up, which would make every {@code stop()} and
 * {@code restart()} in a test that long. The connections are closed with the server's
 * event loops right after.
 */
final class ImmediateNettyStop implements ApplicationContextInitializer<GenericApplicationContext> {

	private static final Duration DISPOSE_TIMEOUT = Duration.ofMillis(100);

	@Override
	public void initialize(GenericApplicationContext context) {
		context.registerBean("embeddedDiscoveryServerImmediateStop", WebServerFactoryCustomizer.class,
				() -> (WebServerFactoryCustomizer<NettyReactiveWebServerFactory>) (factory) -> factory
					.setLifecycleTimeout(DISPOSE_TIMEOUT));
	}

}

package dev.discovery.test.context;

import java.util.LinkedHashMap;

import dev.discovery.test.EmbeddedDiscoveryServer;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the embedded server of one test application context and points the starter at
 * it. Equal for equal settings, so that Spring's context cache can share the context.
 *
 * @param region the region of the server and the application
 * @param zone the zone of the server and the application
 * @param env the env of the server and the application
 */
record EmbeddedDiscoveryServerContextCustomizer(String region, String zone, String env) implements ContextCustomizer {

	static final String BEAN_NAME = "embeddedDiscoveryServer";

	static final String PROPERTY_SOURCE_NAME = "embeddedDiscoveryServer";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		EmbeddedDiscoveryServer server = EmbeddedDiscoveryServer.builder()
			.region(this.region)
			.zone(this.zone)
			.env(this.env)
			.build()
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, server);
		// Registered before any other bean, so destroyed after all of them: the
		// application deregisters (a lifecycle stop) while the server still answers.
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, server::stop);
		}
		else {
			context.addApplicationListener((ApplicationEvent event) -> {
				if (event instanceof ContextClosedEvent) {
					server.stop();
				}
			});
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(server.clientProperties())));
	}

}

package dev.discovery.client.grpc;

import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.grpc.DiscoveryNameResolverProvider;
import io.grpc.NameResolverRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Registers, before any channel bean is built, a {@code discovery} name resolver provider
 * that resolves from this application's discovery cache (no second poller), above the
 * environment-configured one of {@code META-INF/services}; removes it when the context
 * closes.
 */
public final class ApplicationNameResolverRegistrar implements BeanFactoryPostProcessor, DisposableBean {

	/** Priority of the application's provider. */
	public static final int PRIORITY = DiscoveryNameResolverProvider.DEFAULT_PRIORITY + 1;

	private final Environment environment;

	private DiscoveryNameResolverProvider provider;

	/**
	 * Create the registrar.
	 * @param environment gives the client's zone
	 */
	public ApplicationNameResolverRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		// resolved at the first resolution, when the context has started
		this.provider = new DiscoveryNameResolverProvider(() -> beanFactory.getBean(DiscoveryInstances.class),
				() -> this.environment.getProperty("discovery.zone", "zone01"), PRIORITY);
		NameResolverRegistry.getDefaultRegistry().register(this.provider);
	}

	@Override
	public void destroy() {
		if (this.provider != null) {
			NameResolverRegistry.getDefaultRegistry().deregister(this.provider);
		}
	}

}

package dev.discovery.test.junit;

import java.util.Optional;

import dev.discovery.test.EmbeddedDiscoveryServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one {@link EmbeddedDiscoveryServer} per test class and resolves parameters of
 * that type; configured by {@link EnableEmbeddedDiscoveryServer}.
 */
public class EmbeddedDiscoveryServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedDiscoveryServerExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		serverFor(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		EmbeddedDiscoveryServer server = context.getStore(NAMESPACE)
			.remove(context.getRequiredTestClass(), EmbeddedDiscoveryServer.class);
		if (server != null) {
			server.stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedDiscoveryServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return serverFor(extensionContext);
	}

	// With @TestInstance(PER_CLASS) the constructor asks for the server before beforeAll
	// runs, so whichever comes first starts it. A @Nested class gets a server of its own.
	private static EmbeddedDiscoveryServer serverFor(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		Class<?> testClass = classContext.getRequiredTestClass();
		Store store = classContext.getStore(NAMESPACE);
		EmbeddedDiscoveryServer server = store.get(testClass, EmbeddedDiscoveryServer.class);
		if (server == null) {
			server = create(testClass);
			store.put(testClass, server);
		}
		return server.start();
	}

	private static EmbeddedDiscoveryServer create(Class<?> testClass) {
		EmbeddedDiscoveryServer.Builder builder = EmbeddedDiscoveryServer.builder();
		// a @Nested class takes the settings of the class that encloses it
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			Optional<EnableEmbeddedDiscoveryServer> annotation = AnnotationSupport.findAnnotation(type,
					EnableEmbeddedDiscoveryServer.class);
			if (annotation.isPresent()) {
				return builder.region(annotation.get().region())
					.zone(annotation.get().zone())
					.env(annotation.get().env())
					.build();
			}
		}
		return builder.build();
	}

}

package dev.discovery.test.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Adds an embedded discovery server to the contexts of test classes annotated with
 * {@link AutoConfigureEmbeddedDiscoveryServer}; registered in
 * {@code META-INF/spring.factories}.
 */
class EmbeddedDiscoveryServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureEmbeddedDiscoveryServer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureEmbeddedDiscoveryServer.class);
		if (annotation == null) {
			return null;
		}
		return new EmbeddedDiscoveryServerContextCustomizer(annotation.region(), annotation.zone(), annotation.env());
	}

}

package dev.discovery.client.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches unless {@code discovery.enabled} is {@code false}: the starter's master switch.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnProperty(value = ConditionalOnDiscoveryClientEnabled.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnDiscoveryClientEnabled {

	/** The switch. */
	String PROPERTY = "discovery.enabled";

}

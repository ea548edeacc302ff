package dev.discovery.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.discovery.test.EmbeddedDiscoveryServer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an {@link EmbeddedDiscoveryServer} for the annotated test class: started before
 * its first test, stopped after its last, and injected into test constructors, lifecycle
 * methods and test methods that declare a parameter of that type.
 * <p>
 * Each class gets a server of its own. For {@code @SpringBootTest} classes use
 * {@link dev.discovery.test.context.AutoConfigureEmbeddedDiscoveryServer} instead, which
 * also points the application at the server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedDiscoveryServerExtension.class)
public @interface EnableEmbeddedDiscoveryServer {

	/**
	 * The server's region.
	 * @return the region
	 */
	String region() default "region01";

	/**
	 * The server's zone.
	 * @return the zone
	 */
	String zone() default "zone01";

	/**
	 * The server's deploy environment.
	 * @return the env
	 */
	String env() default "dev";

}

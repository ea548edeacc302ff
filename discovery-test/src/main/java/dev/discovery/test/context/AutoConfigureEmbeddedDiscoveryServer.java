package dev.discovery.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.discovery.test.EmbeddedDiscoveryServer;

/**
 * Starts an {@link EmbeddedDiscoveryServer} with the test's application context and
 * points the starter at it ({@code discovery.nodes}, {@code discovery.region},
 * {@code discovery.zone} and {@code discovery.env}, above every other property source).
 * <p>
 * The server is a bean of the context, to be {@code @Autowired}. It lives as long as the
 * context: test classes that share a cached context share its server, and
 * {@code @DirtiesContext} gives the next class a new one. It stops after the
 * application's beans, so the application still deregisters from it on close.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureEmbeddedDiscoveryServer {

	/**
	 * The region of the server and of the application.
	 * @return the region
	 */
	String region() default "region01";

	/**
	 * The zone of the server and of the application.
	 * @return the zone
	 */
	String zone() default "zone01";

	/**
	 * The deploy environment of the server and of the application.
	 * @return the env
	 */
	String env() default "dev";

}

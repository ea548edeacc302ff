package dev.discovery.client.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.discovery.client.transport.InstanceMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The metadata Spring Boot Admin and similar tools read to find the actuator of an
 * instance: {@code management.context-path} and {@code health.path} whenever actuator is
 * present, and {@code management.port} for a separate, fixed management port (a random
 * one is published once its server started).
 */
final class ManagementMetadata {

	private static final String PORT_TYPE = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private ManagementMetadata() {
	}

	/**
	 * The management metadata of this application.
	 * @param environment the environment
	 * @param classLoader the application's class loader
	 * @return the entries, empty without actuator or with the management server disabled
	 */
	static Map<String, String> of(Environment environment, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(PORT_TYPE, classLoader)) {
			return Map.of();
		}
		ManagementPortType portType = ManagementPortType.get(environment);
		if (portType == ManagementPortType.DISABLED) {
			return Map.of();
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		String serverPath;
		if (portType == ManagementPortType.DIFFERENT) {
			Integer port = environment.getProperty("management.server.port", Integer.class);
			if (port != null && port > 0) {
				metadata.put(InstanceMetadata.MANAGEMENT_PORT, port.toString());
			}
			serverPath = environment.getProperty("management.server.base-path", "");
		}
		else {
			serverPath = environment.getProperty("server.servlet.context-path",
					environment.getProperty("spring.webflux.base-path", ""));
		}
		String endpointsPath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		metadata.put(InstanceMetadata.MANAGEMENT_CONTEXT_PATH, join(serverPath, endpointsPath));
		metadata.put(InstanceMetadata.HEALTH_PATH,
				environment.getProperty("management.endpoints.web.path-mapping.health", "health"));
		return metadata;
	}

	private static String join(String first, String second) {
		String path = "/" + trimSlashes(first) + "/" + trimSlashes(second);
		String cleaned = StringUtils.cleanPath(path).replaceAll("/+", "/");
		// an empty path makes Spring Boot Admin fall back to /actuator
		return (cleaned.length() > 1 && cleaned.endsWith("/")) ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
	}

	private static String trimSlashes(String path) {
		return StringUtils.trimTrailingCharacter(StringUtils.trimLeadingCharacter(path.trim(), '/'), '/');
	}

}

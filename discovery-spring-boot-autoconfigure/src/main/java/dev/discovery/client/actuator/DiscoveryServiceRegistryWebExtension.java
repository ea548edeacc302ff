package dev.discovery.client.actuator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.discovery.client.registration.DiscoveryServiceRegistry;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.cloud.client.serviceregistry.endpoint.ServiceRegistryEndpoint;

/**
 * Checks the statuses posted to Spring Cloud's {@code serviceregistry} endpoint before
 * they reach this registry: anything but {@code UP} or {@code OUT_OF_SERVICE} (in any
 * letter case) answers 400 naming the accepted values, instead of a server error.
 * {@code DOWN} is refused rather than taken for {@code OUT_OF_SERVICE}: a discovery
 * instance is either UP or WAITING, and an operator who means "out of service" should say
 * so.
 */
@EndpointWebExtension(endpoint = ServiceRegistryEndpoint.class)
public class DiscoveryServiceRegistryWebExtension {

	/** The statuses {@code POST} accepts, in any letter case. */
	public static final List<String> ACCEPTED = List.of(DiscoveryServiceRegistry.UP,
			DiscoveryServiceRegistry.OUT_OF_SERVICE);

	private final ServiceRegistryEndpoint endpoint;

	/**
	 * Create the extension.
	 * @param endpoint Spring Cloud's endpoint, which applies accepted statuses
	 */
	public DiscoveryServiceRegistryWebExtension(ServiceRegistryEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Set the status of the local registration.
	 * @param status {@code UP} or {@code OUT_OF_SERVICE}, in any letter case
	 * @return the endpoint's answer, or 400 with the accepted values
	 */
	@WriteOperation
	public WebEndpointResponse<?> setStatus(String status) {
		String normalized = status.trim().toUpperCase(Locale.ROOT);
		if (!ACCEPTED.contains(normalized)) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "Unknown status '" + status + "'");
			body.put("accepted", ACCEPTED);
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		return this.endpoint.setStatus(normalized);
	}

}

package dev.discovery.client.registration;

import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * The local application as a discovery instance and a Spring Cloud {@link Registration};
 * its port is known once the web server started.
 */
public class DiscoveryRegistration extends InstanceRegistration implements Registration {

	/**
	 * Create a registration that registers as UP.
	 * @param instance the description of the local instance
	 */
	public DiscoveryRegistration(LocalInstance instance) {
		super(instance);
	}

	/**
	 * Create a registration.
	 * @param instance the description of the local instance
	 * @param waitForReadiness whether the instance stays WAITING until the application is
	 * ready for traffic
	 */
	public DiscoveryRegistration(LocalInstance instance, boolean waitForReadiness) {
		super(instance, waitForReadiness);
	}

}

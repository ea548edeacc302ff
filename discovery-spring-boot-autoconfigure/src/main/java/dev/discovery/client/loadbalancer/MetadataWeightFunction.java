package dev.discovery.client.loadbalancer;

import dev.discovery.client.discovery.DiscoveryServiceInstance;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.WeightFunction;

/**
 * Reads the bilibili {@code weight} metadata; missing, unparsable or non-positive weights
 * count as 10, as in the Go SDK.
 */
public class MetadataWeightFunction implements WeightFunction {

	/** Weight of instances that publish none. */
	public static final int DEFAULT_WEIGHT = 10;

	@Override
	public int apply(ServiceInstance instance) {
		String weight = instance.getMetadata().get(DiscoveryServiceInstance.WEIGHT);
		if (weight == null) {
			return DEFAULT_WEIGHT;
		}
		try {
			int parsed = Integer.parseInt(weight.trim());
			return (parsed > 0) ? parsed : DEFAULT_WEIGHT;
		}
		catch (NumberFormatException ex) {
			return DEFAULT_WEIGHT;
		}
	}

}

package dev.discovery.client.loadbalancer;

import dev.discovery.client.transport.InstanceMetadata;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.WeightFunction;

/**
 * Reads the bilibili {@code weight} metadata; missing, unparsable or non-positive weights
 * count as 10, as in the Go SDK.
 */
public class MetadataWeightFunction implements WeightFunction {

	/** Weight of instances that publish none. */
	public static final int DEFAULT_WEIGHT = InstanceMetadata.DEFAULT_WEIGHT;

	@Override
	public int apply(ServiceInstance instance) {
		return InstanceMetadata.weight(instance.getMetadata());
	}

}

package dev.discovery.grpc;

import java.util.Map;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.NameResolver;

/**
 * Provides the {@value #POLICY} load-balancing policy: round robin over the ready
 * addresses, each address taking a share of the calls proportional to its
 * {@link DiscoveryNameResolver#WEIGHT} (equal weights make it plain round robin).
 */
public final class WeightedRoundRobinLoadBalancerProvider extends LoadBalancerProvider {

	/** Name of the policy in a service config. */
	public static final String POLICY = "discovery_weighted_round_robin";

	@Override
	public boolean isAvailable() {
		return true;
	}

	@Override
	public int getPriority() {
		return 5;
	}

	@Override
	public String getPolicyName() {
		return POLICY;
	}

	@Override
	public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
		return new WeightedRoundRobinLoadBalancer(helper);
	}

	@Override
	public NameResolver.ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
		return NameResolver.ConfigOrError.fromConfig(POLICY);
	}

}

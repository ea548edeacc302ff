package dev.discovery.grpc;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * Weighted round robin over one subchannel per resolved address group. Calls go only to
 * READY subchannels, so a new instance takes calls once connected and a removed one takes
 * none from the moment the resolution no longer lists it (its subchannel shuts down
 * gracefully, letting calls in flight finish). Runs in the channel's synchronization
 * context, as every {@link LoadBalancer}.
 */
final class WeightedRoundRobinLoadBalancer extends LoadBalancer {

	// at most this many slots per picker cycle, weights are scaled down beyond
	private static final int MAX_CYCLE = 1000;

	private final Helper helper;

	private final Map<Set<SocketAddress>, Child> children = new HashMap<>();

	private @Nullable Status lastError;

	WeightedRoundRobinLoadBalancer(Helper helper) {
		this.helper = helper;
	}

	@Override
	public Status acceptResolvedAddresses(ResolvedAddresses resolved) {
		List<EquivalentAddressGroup> groups = resolved.getAddresses();
		if (groups.isEmpty()) {
			Status status = Status.UNAVAILABLE.withDescription("No addresses resolved");
			handleNameResolutionError(status);
			return status;
		}
		Set<Set<SocketAddress>> current = new HashSet<>();
		for (EquivalentAddressGroup group : groups) {
			Set<SocketAddress> key = Set.copyOf(group.getAddresses());
			current.add(key);
			Integer weight = group.getAttributes().get(DiscoveryNameResolver.WEIGHT);
			int effective = (weight != null && weight > 0) ? weight : DiscoveryNameResolver.DEFAULT_WEIGHT;
			Child existing = this.children.get(key);
			if (existing != null) {
				existing.weight = effective;
				continue;
			}
			Subchannel subchannel = this.helper
				.createSubchannel(CreateSubchannelArgs.newBuilder().setAddresses(group).build());
			Child child = new Child(subchannel, effective);
			this.children.put(key, child);
			subchannel.start((state) -> stateChanged(child, state));
			subchannel.requestConnection();
		}
		this.children.entrySet().removeIf((entry) -> {
			if (!current.contains(entry.getKey())) {
				entry.getValue().removed = true;
				entry.getValue().subchannel.shutdown();
				return true;
			}
			return false;
		});
		updatePicker();
		return Status.OK;
	}

	@Override
	public void handleNameResolutionError(Status error) {
		this.lastError = error;
		if (this.children.isEmpty()) {
			this.helper.updateBalancingState(ConnectivityState.TRANSIENT_FAILURE, new FailingPicker(error));
		}
		// otherwise keep using the last known addresses
	}

	@Override
	public void shutdown() {
		this.children.values().forEach((child) -> child.subchannel.shutdown());
		this.children.clear();
	}

	private void stateChanged(Child child, ConnectivityStateInfo state) {
		if (child.removed) {
			return;
		}
		child.state = state;
		if (state.getState() == ConnectivityState.IDLE) {
			child.subchannel.requestConnection();
		}
		if (state.getState() == ConnectivityState.TRANSIENT_FAILURE) {
			this.lastError = state.getStatus();
		}
		updatePicker();
	}

	private void updatePicker() {
		List<Child> ready = new ArrayList<>();
		boolean connecting = false;
		for (Child child : this.children.values()) {
			ConnectivityState state = child.state.getState();
			if (state == ConnectivityState.READY) {
				ready.add(child);
			}
			else if (state == ConnectivityState.CONNECTING || state == ConnectivityState.IDLE) {
				connecting = true;
			}
		}
		if (!ready.isEmpty()) {
			this.helper.updateBalancingState(ConnectivityState.READY, new WeightedPicker(ready));
		}
		else if (connecting) {
			this.helper.updateBalancingState(ConnectivityState.CONNECTING, new QueueingPicker());
		}
		else {
			Status error = (this.lastError != null) ? this.lastError
					: Status.UNAVAILABLE.withDescription("No ready address");
			this.helper.updateBalancingState(ConnectivityState.TRANSIENT_FAILURE, new FailingPicker(error));
		}
	}

	private static final class Child {

		private final Subchannel subchannel;

		private int weight;

		private ConnectivityStateInfo state = ConnectivityStateInfo.forNonError(ConnectivityState.IDLE);

		private boolean removed;

		Child(Subchannel subchannel, int weight) {
			this.subchannel = subchannel;
			this.weight = weight;
		}

	}

	/**
	 * Picks READY subchannels in a fixed smooth weighted round-robin cycle (each appears
	 * as often as its weight, spread out), starting at a random point so that clients do
	 * not all begin with the same server.
	 */
	static final class WeightedPicker extends SubchannelPicker {

		private final Subchannel[] cycle;

		private final AtomicLong next;

		WeightedPicker(List<Child> ready) {
			List<Subchannel> subchannels = new ArrayList<>();
			int[] weights = new int[ready.size()];
			long total = 0;
			for (int i = 0; i < ready.size(); i++) {
				subchannels.add(ready.get(i).subchannel);
				weights[i] = ready.get(i).weight;
				total += weights[i];
			}
			this.cycle = cycle(subchannels, scaled(weights, total)).toArray(new Subchannel[0]);
			this.next = new AtomicLong(ThreadLocalRandom.current().nextInt(this.cycle.length));
		}

		private static int[] scaled(int[] weights, long total) {
			if (total <= MAX_CYCLE) {
				return weights;
			}
			int[] scaled = new int[weights.length];
			for (int i = 0; i < weights.length; i++) {
				scaled[i] = (int) Math.max(1, weights[i] * MAX_CYCLE / total);
			}
			return scaled;
		}

		// nginx's smooth weighted round robin, unrolled once into a fixed cycle
		static <T> List<T> cycle(List<T> items, int[] weights) {
			int total = 0;
			for (int weight : weights) {
				total += weight;
			}
			List<T> cycle = new ArrayList<>(total);
			int[] current = new int[weights.length];
			for (int slot = 0; slot < total; slot++) {
				int best = 0;
				for (int i = 0; i < weights.length; i++) {
					current[i] += weights[i];
					if (current[i] > current[best]) {
						best = i;
					}
				}
				current[best] -= total;
				cycle.add(items.get(best));
			}
			return cycle;
		}

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			int slot = (int) Math.floorMod(this.next.getAndIncrement(), (long) this.cycle.length);
			return PickResult.withSubchannel(this.cycle[slot]);
		}

	}

	private static final class QueueingPicker extends SubchannelPicker {

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			return PickResult.withNoResult();
		}

	}

	private static final class FailingPicker extends SubchannelPicker {

		private final Status error;

		FailingPicker(Status error) {
			this.error = error;
		}

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			return PickResult.withError(this.error);
		}

	}

}

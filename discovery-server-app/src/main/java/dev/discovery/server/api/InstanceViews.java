package dev.discovery.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialized InstanceInfo payloads (docs/wire-protocol.md §2.6), memoized on the app
 * snapshot per zone filter and status mask: built once per change of an app, whatever the
 * request rate.
 */
final class InstanceViews {

	private final JsonMapper mapper;

	private final SchedulerSource schedulers;

	InstanceViews(JsonMapper mapper, SchedulerSource schedulers) {
		this.mapper = mapper;
		this.schedulers = schedulers;
	}

	/**
	 * The serialized InstanceInfo of an app.
	 * @param snapshot the app
	 * @param zone zone filter, {@code null} for all zones; the bucket must exist
	 * @param mask status bit mask
	 * @return JSON bytes
	 */
	byte[] info(AppSnapshot snapshot, @Nullable String zone, long mask) {
		// Only bits 1 and 2 select anything; folding the mask keeps the memo small.
		int effectiveMask = (int) (mask & InstanceStatus.ALL);
		return snapshot.view(new ViewKey(zone, effectiveMask), (s) -> render(s, zone, effectiveMask));
	}

	/**
	 * An instance as answered by renew: metadata is always an object.
	 */
	static Instance forOutput(Instance i) {
		if (i.metadata() != null) {
			return i;
		}
		return new Instance(i.region(), i.zone(), i.env(), i.appid(), i.hostname(), i.addrs(), i.version(), Map.of(),
				i.status(), i.regTimestamp(), i.upTimestamp(), i.renewTimestamp(), i.dirtyTimestamp(),
				i.latestTimestamp());
	}

	private byte[] render(AppSnapshot snapshot, @Nullable String zone, int mask) {
		Map<String, List<Instance>> instances = new LinkedHashMap<>();
		snapshot.zones().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((bucket) -> {
			if (zone == null || zone.equals(bucket.getKey())) {
				List<Instance> matching = new ArrayList<>();
				for (Lease lease : bucket.getValue().values()) {
					if (InstanceStatus.matches(mask, lease.instance().status())) {
						matching.add(forOutput(lease.current()));
					}
				}
				instances.put(bucket.getKey(), matching);
			}
		});
		Object scheduler = this.schedulers.scheduler(snapshot.key());
		return this.mapper.writeValueAsBytes(new InstanceInfo(instances, scheduler, snapshot.latestTimestamp()));
	}

	private record ViewKey(@Nullable String zone, int mask) {

	}

}

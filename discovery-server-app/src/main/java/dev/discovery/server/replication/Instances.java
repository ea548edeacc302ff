package dev.discovery.server.replication;

import java.util.ArrayList;
import java.util.List;

import dev.discovery.protocol.Instance;

/**
 * Repairs instances received from peers.
 */
final class Instances {

	private Instances() {
	}

	/**
	 * Splits comma-joined addresses: a reference peer stores the joined value it received
	 * as one bogus address (D1), and hands it on in fetch/all and conflict answers.
	 * @param instance the peer's copy
	 * @return the copy with one address per element
	 */
	static Instance normalized(Instance instance) {
		boolean joined = instance.addrs().stream().anyMatch((addr) -> addr.indexOf(',') >= 0);
		if (!joined) {
			return instance;
		}
		List<String> addrs = new ArrayList<>();
		for (String value : instance.addrs()) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					addrs.add(part.trim());
				}
			}
		}
		return new Instance(instance.region(), instance.zone(), instance.env(), instance.appid(), instance.hostname(),
				addrs, instance.version(), instance.metadata(), instance.status(), instance.regTimestamp(),
				instance.upTimestamp(), instance.renewTimestamp(), instance.dirtyTimestamp(),
				instance.latestTimestamp());
	}

}

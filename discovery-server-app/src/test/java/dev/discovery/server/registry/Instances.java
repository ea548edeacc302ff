package dev.discovery.server.registry;

import java.util.List;
import java.util.Map;

import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;

/**
 * Instance records for registry tests.
 */
final class Instances {

	private Instances() {
	}

	static Instance up(String appid, String hostname, long now) {
		return record(appid, "sh001", hostname, InstanceStatus.UP, now, now);
	}

	static Instance record(String appid, String zone, String hostname, int status, long now, long dirty) {
		return new Instance("sh", zone, "dev", appid, hostname, List.of("http://10.0.0.1:8080"), "v1",
				Map.of("weight", "10"), status, now, now, now, dirty, now);
	}

}

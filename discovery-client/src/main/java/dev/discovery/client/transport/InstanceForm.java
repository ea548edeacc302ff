package dev.discovery.client.transport;

import java.util.List;
import java.util.Map;

/**
 * Everything a register request carries.
 *
 * @param key identity of the instance
 * @param addrs {@code scheme://host:port} addresses
 * @param version version text
 * @param metadata metadata, sent as a JSON object
 * @param status 1 (UP) or 2 (WAITING)
 */
public record InstanceForm(InstanceKey key, List<String> addrs, String version, Map<String, String> metadata,
		int status) {

	/**
	 * Copy the lists so the form cannot change after it was built.
	 */
	public InstanceForm {
		addrs = List.copyOf(addrs);
		metadata = Map.copyOf(metadata);
	}

}

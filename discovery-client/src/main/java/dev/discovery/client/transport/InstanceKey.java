package dev.discovery.client.transport;

/**
 * What identifies one registered instance in renew, cancel and set requests.
 *
 * @param region region of the instance
 * @param zone zone of the instance
 * @param env deploy environment
 * @param appid application id
 * @param hostname instance id within the app
 */
public record InstanceKey(String region, String zone, String env, String appid, String hostname) {

	@Override
	public String toString() {
		return this.appid + "/" + this.hostname + " (" + this.env + ", " + this.zone + ")";
	}

}

package dev.discovery.server.registry;

/**
 * Identity of an app in the registry: the pair (env, appid).
 *
 * @param env deploy environment
 * @param appid service name
 */
public record AppKey(String env, String appid) {

	@Override
	public String toString() {
		return this.env + "." + this.appid;
	}

}

package dev.discovery.benchmark.eureka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Netflix Eureka (Spring Cloud Netflix) with either its default timings, which is what a
 * user gets, or timings tuned for fast propagation.
 */
record EurekaRegistry(boolean tuned) implements Registry {

	@Override
	public String name() {
		return this.tuned ? "Eureka (tuned)" : "Eureka (defaults)";
	}

	@Override
	public ChildJvm startServer(Workspace workspace, int port) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--eureka.instance.hostname=127.0.0.1",
				"--eureka.client.register-with-eureka=false", "--eureka.client.fetch-registry=false",
				"--eureka.client.service-url.defaultZone=" + serviceUrl(port)));
		if (this.tuned) {
			// Answers straight from the read-write cache, which every change invalidates.
			args.add("--eureka.server.use-read-only-response-cache=false");
			args.add("--eureka.server.eviction-interval-timer-in-ms=1000");
		}
		return ChildJvm.start("eureka-server-" + port, workspace.logs(),
				List.of("-cp", workspace.classpath("eureka-server"),
						"dev.discovery.benchmark.eureka.registry.EurekaRegistryApplication"),
				args);
	}

	@Override
	public String readyUrl(int port) {
		return "http://127.0.0.1:" + port + "/eureka/apps";
	}

	@Override
	public String clientClasspath(Workspace workspace) {
		return workspace.classpath("eureka-client");
	}

	@Override
	public List<String> clientArgs(int serverPort, String appid, int port) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.application.name=" + appid,
				"--eureka.client.service-url.defaultZone=" + serviceUrl(serverPort),
				"--eureka.instance.prefer-ip-address=true", "--eureka.instance.ip-address=127.0.0.1",
				"--eureka.instance.hostname=127.0.0.1", "--eureka.instance.instance-id=" + instanceId(appid, port)));
		if (this.tuned) {
			args.add("--eureka.client.registry-fetch-interval-seconds=1");
			args.add("--eureka.client.instance-info-replication-interval-seconds=1");
			args.add("--eureka.client.initial-instance-info-replication-interval-seconds=1");
			args.add("--eureka.instance.lease-renewal-interval-in-seconds=1");
			args.add("--eureka.instance.lease-expiration-duration-in-seconds=3");
			args.add("--spring.cloud.loadbalancer.cache.enabled=false");
		}
		return args;
	}

	@Override
	public boolean serverLists(int serverPort, String appid, int instancePort) {
		// The single-instance resource reads the registry itself, not the response cache.
		return Http
			.get("http://127.0.0.1:" + serverPort + "/eureka/apps/" + app(appid) + "/"
					+ instanceId(appid, instancePort), "application/json")
			.ok();
	}

	@Override
	public boolean register(int serverPort, String appid, int n) {
		String address = "127.0." + (n / 250) + "." + (n % 250 + 1);
		String json = """
				{"instance":{"instanceId":"h%1$d","hostName":"%2$s","app":"%3$s","ipAddr":"%2$s",\
				"status":"UP","overriddenStatus":"UNKNOWN","port":{"$":8080,"@enabled":"true"},\
				"securePort":{"$":443,"@enabled":"false"},"countryId":1,\
				"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},\
				"leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":90},"metadata":{"weight":"10"},\
				"homePageUrl":"http://%2$s:8080/","statusPageUrl":"http://%2$s:8080/actuator/info",\
				"healthCheckUrl":"http://%2$s:8080/actuator/health","vipAddress":"%4$s","secureVipAddress":"%4$s",\
				"isCoordinatingDiscoveryServer":"false","lastUpdatedTimestamp":"%5$d","lastDirtyTimestamp":"%5$d",\
				"actionType":"ADDED"}}""".formatted(n, address, app(appid), appid, System.currentTimeMillis());
		return Http.post("http://127.0.0.1:" + serverPort + "/eureka/apps/" + app(appid), "application/json", json)
			.ok();
	}

	@Override
	public String fetchPath(String appid) {
		return "/eureka/apps/" + app(appid);
	}

	@Override
	public String fetchAccept() {
		return "application/json";
	}

	@Override
	public String renewScript(String appid) {
		// The PUT a Eureka client sends as heartbeat (without lastDirtyTimestamp, which
		// only
		// matters when the instance changed).
		return """
				local n = 0
				request = function()
				  n = (n + 1) %% 100
				  return wrk.format("PUT", "/eureka/apps/%s/h" .. n .. "?status=UP", {}, "")
				end
				""".formatted(app(appid));
	}

	private static String serviceUrl(int port) {
		return "http://127.0.0.1:" + port + "/eureka/";
	}

	private static String app(String appid) {
		return appid.toUpperCase(Locale.ROOT);
	}

	private static String instanceId(String appid, int port) {
		return appid + "-" + port;
	}

}

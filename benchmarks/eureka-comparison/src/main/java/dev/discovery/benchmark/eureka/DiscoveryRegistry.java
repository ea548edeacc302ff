package dev.discovery.benchmark.eureka;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * This project's discovery server and starter, with their default timings.
 */
record DiscoveryRegistry() implements Registry {

	private static final String ZONE = "zone01";

	private static final String ENV = "dev";

	@Override
	public String name() {
		return "discovery (defaults)";
	}

	@Override
	public ChildJvm startServer(Workspace workspace, int port) {
		return ChildJvm.start("discovery-server-" + port, workspace.logs(),
				List.of("-jar", workspace.discoveryServerJar().toString()),
				List.of("--server.port=" + port, "--discovery.server.zone=" + ZONE, "--discovery.server.env=" + ENV));
	}

	@Override
	public String readyUrl(int port) {
		return "http://127.0.0.1:" + port + "/discovery/nodes";
	}

	@Override
	public String clientClasspath(Workspace workspace) {
		return workspace.classpath("discovery-client");
	}

	@Override
	public List<String> clientArgs(int serverPort, String appid, int port) {
		return List.of("--server.port=" + port, "--spring.application.name=" + appid,
				"--discovery.nodes=127.0.0.1:" + serverPort, "--discovery.zone=" + ZONE, "--discovery.env=" + ENV,
				"--discovery.instance.advertise-address=127.0.0.1", "--discovery.hostname=" + appid + "-" + port,
				"--discovery.subscriptions=" + LatencyBenchmark.PROVIDER);
	}

	@Override
	public boolean serverLists(int serverPort, String appid, int instancePort) {
		return Http.get(fetchUrl(serverPort, appid), "application/json")
			.body()
			.contains("\"hostname\":\"" + appid + "-" + instancePort + "\"");
	}

	@Override
	public boolean register(int serverPort, String appid, int n) {
		String address = "127.0." + (n / 250) + "." + (n % 250 + 1);
		String form = "zone=" + ZONE + "&env=" + ENV + "&appid=" + appid + "&hostname=h" + n + "&status=1&addrs=http://"
				+ address + ":8080&metadata=" + URLEncoder.encode("{\"weight\":\"10\"}", StandardCharsets.UTF_8);
		Http.Answer answer = Http.post("http://127.0.0.1:" + serverPort + "/discovery/register",
				"application/x-www-form-urlencoded", form);
		return answer.ok() && answer.body().contains("\"code\":0");
	}

	@Override
	public String fetchPath(String appid) {
		return "/discovery/fetch?appid=" + appid + "&env=" + ENV + "&status=1";
	}

	@Override
	public String fetchAccept() {
		return "application/json";
	}

	@Override
	public String renewScript(String appid) {
		return """
				local n = 0
				request = function()
				  n = (n + 1) %% 100
				  return wrk.format("POST", "/discovery/renew", { ["Content-Type"] = "application/x-www-form-urlencoded" },
				    "zone=%s&env=%s&appid=%s&hostname=h" .. n)
				end
				"""
			.formatted(ZONE, ENV, appid);
	}

	private String fetchUrl(int serverPort, String appid) {
		return "http://127.0.0.1:" + serverPort + fetchPath(appid);
	}

}

package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the servers of the scale benchmarks: this project's discovery server (with its
 * defaults) and the stack's own limit, {@link FixedBodyServer}.
 */
final class Stacks {

	static final String ZONE = "zone01";

	static final String ENV = "dev";

	private static final Pattern VALUE = Pattern.compile("\"value\":([\\d.E]+)");

	private static final Pattern LATEST = Pattern.compile("\"latest_timestamp\":(\\d+)}");

	private Stacks() {
	}

	/**
	 * The discovery server with native memory tracking, ready to serve.
	 */
	static ChildJvm discovery(Workspace workspace, int port, String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=" + port, "--discovery.server.zone=" + ZONE, "--discovery.server.env=" + ENV));
		args.addAll(List.of(properties));
		ChildJvm server = ChildJvm.start("scale-discovery-" + port, workspace.logs(),
				List.of("-XX:NativeMemoryTracking=summary", "-jar", workspace.discoveryServerJar().toString()), args);
		Waits.awaitOk("http://127.0.0.1:" + port + "/discovery/nodes", Duration.ofMinutes(2));
		return server;
	}

	/**
	 * The fixed-body Reactor Netty server answering the given body, ready to serve.
	 */
	static ChildJvm limit(Workspace workspace, int port, byte[] body) {
		try {
			Path plain = workspace.file("limit-body-" + port + ".json");
			Path gzip = workspace.file("limit-body-" + port + ".json.gz");
			Files.write(plain, body);
			Files.write(gzip, Compression.gzip(body));
			ChildJvm server = ChildJvm.start("scale-limit-" + port, workspace.logs(),
					List.of("-XX:NativeMemoryTracking=summary", "-cp", workspace.classpath("limit"),
							FixedBodyServer.class.getName()),
					List.of(String.valueOf(port), plain.toString(), gzip.toString()));
			Waits.awaitOk("http://127.0.0.1:" + port + "/fetch", Duration.ofMinutes(1));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Long polls the discovery server holds, from its metrics endpoint.
	 */
	static int parkedPolls(int port) {
		Http.Answer answer = Http.get("http://127.0.0.1:" + port + "/actuator/metrics/discovery.polls.parked",
				"application/json");
		Matcher matcher = VALUE.matcher(answer.body());
		return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
	}

	/**
	 * Requests the fixed-body server holds.
	 */
	static int parkedRequests(int port) {
		return Integer.parseInt(Http.get("http://127.0.0.1:" + port + "/parked", "*/*").body().trim());
	}

	/**
	 * The fetch answer of an app, as bytes.
	 */
	static byte[] fetchBody(int port, String appid) {
		return Http.get("http://127.0.0.1:" + port + fetchPath(appid), "application/json")
			.body()
			.getBytes(StandardCharsets.UTF_8);
	}

	static String fetchPath(String appid) {
		return "/discovery/fetch?appid=" + appid + "&env=" + ENV + "&status=1";
	}

	/**
	 * L(app) as the server answers it now.
	 */
	static long latestTimestamp(int port, String appid) {
		Matcher matcher = LATEST.matcher(new String(fetchBody(port, appid), StandardCharsets.UTF_8));
		long latest = 0;
		while (matcher.find()) {
			latest = Long.parseLong(matcher.group(1));
		}
		return latest;
	}

}

package dev.discovery.client.wire;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.discovery.server.DiscoveryServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real discovery server in this JVM on a loopback port (zone sh001, env dev), with a
 * few direct calls that bypass the client under test.
 */
final class WireServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private final HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private WireServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Start a server.
	 * @param properties extra server properties as {@code name=value}
	 * @return the running server
	 */
	static WireServer start(String... properties) {
		List<String> args = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"discovery.enabled=false", "spring.cloud.discovery.enabled=false",
				"spring.cloud.service-registry.auto-registration.enabled=false",
				"spring.main.web-application-type=reactive", "discovery.server.region=sh",
				"discovery.server.zone=sh001", "discovery.server.env=dev", "discovery.server.host=wire-server"));
		args.addAll(List.of(properties));
		return new WireServer(new SpringApplicationBuilder(DiscoveryServerApplication.class)
			.run(args.stream().map((arg) -> "--" + arg).toArray(String[]::new)));
	}

	/**
	 * The address of the server.
	 * @return {@code 127.0.0.1:port}
	 */
	String node() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Register an UP instance directly.
	 * @param appid the app
	 * @param hostname the instance id
	 * @param addr its address
	 */
	void register(String appid, String hostname, String addr) {
		post("/discovery/register", "region=sh", "zone=sh001", "env=dev", "appid=" + appid, "hostname=" + hostname,
				"addrs=" + addr, "status=1");
	}

	/**
	 * Register an UP instance of any zone with metadata directly.
	 * @param appid the app
	 * @param hostname the instance id
	 * @param addr its address
	 * @param zone the zone it runs in
	 * @param metadata its metadata as a JSON object text
	 */
	void register(String appid, String hostname, String addr, String zone, String metadata) {
		post("/discovery/register", "region=sh", "zone=" + zone, "env=dev", "appid=" + appid, "hostname=" + hostname,
				"addrs=" + addr, "status=1", "metadata=" + metadata);
	}

	/**
	 * Cancel an instance directly.
	 * @param appid the app
	 * @param hostname the instance id
	 */
	void cancel(String appid, String hostname) {
		cancel(appid, hostname, "sh001");
	}

	/**
	 * Cancel an instance of another zone directly.
	 * @param appid the app
	 * @param hostname the instance id
	 * @param zone the zone it registered in
	 */
	void cancel(String appid, String hostname, String zone) {
		post("/discovery/cancel", "region=sh", "zone=" + zone, "env=dev", "appid=" + appid, "hostname=" + hostname);
	}

	/**
	 * Change the status of an instance directly.
	 * @param appid the app
	 * @param hostname the instance id
	 * @param status 1 (UP) or 2 (WAITING)
	 */
	void setStatus(String appid, String hostname, int status) {
		post("/discovery/set", "region=sh", "zone=sh001", "env=dev", "appid=" + appid, "hostname=" + hostname,
				"status=" + status);
	}

	private void post(String path, String... params) {
		String form = Stream.of(params).map((param) -> {
			int equals = param.indexOf('=');
			return param.substring(0, equals + 1)
					+ URLEncoder.encode(param.substring(equals + 1), StandardCharsets.UTF_8);
		}).collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			String body = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString()).body();
			if (!body.contains("\"code\":0")) {
				throw new IllegalStateException(path + " answered " + body);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(path + " interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}

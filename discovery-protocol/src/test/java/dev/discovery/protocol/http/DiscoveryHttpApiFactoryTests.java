package dev.discovery.protocol.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpServer;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveryHttpApiFactory}.
 */
class DiscoveryHttpApiFactoryTests {

	private final AtomicReference<String> acceptEncoding = new AtomicReference<>();

	private final HttpServer server = start();

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void clientAsksForGzipAndReadsTheCompressedAnswer() {
		DiscoveryHttpApi api = DiscoveryHttpApiFactory.create(Duration.ofSeconds(2), Duration.ofSeconds(5));

		Response<InstanceInfo> answer = api.fetch(
				new DefaultUriBuilderFactory("http://127.0.0.1:" + this.server.getAddress().getPort()), "demo", "dev",
				1, null);

		assertThat(this.acceptEncoding.get()).contains("gzip");
		assertThat(answer.code()).isZero();
		assertThat(answer.data().latestTimestamp()).isEqualTo(42);
	}

	private HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				this.acceptEncoding.set(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
				byte[] body = gzip("{\"code\":0,\"message\":\"0\",\"ttl\":1,\"data\":{\"instances\":{},"
						+ "\"latest_timestamp\":42}}");
				exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
				exchange.getResponseHeaders().add("Content-Encoding", "gzip");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

}

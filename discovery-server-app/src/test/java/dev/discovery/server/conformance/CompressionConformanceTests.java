package dev.discovery.server.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gzip content coding of the read answers for clients that send
 * {@code Accept-Encoding: gzip}, as Go's net/http does (docs/wire-protocol.md §1.3).
 */
class CompressionConformanceTests extends ConformanceTestSupport {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void registerInstances() {
		for (int n = 0; n < 20; n++) {
			registerOk(instance("h" + n));
		}
	}

	@Test
	void fetchAnswersTheSameJsonCompressedWhenTheClientAcceptsGzip() {
		Form query = Form.of("appid", this.appid, "env", ENV, "status", "1");

		HttpResponse<byte[]> compressed = get(FETCH, query, "gzip, deflate");

		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(compressed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(Answer.parse(gunzip(compressed.body()))).isEqualTo(this.http.get(FETCH, query).json());
	}

	@Test
	void fetchIsNotCompressedForClientsThatDoNotAskForIt() {
		HttpResponse<byte[]> plain = get(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1"), null);

		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(Answer.parse(new String(plain.body(), StandardCharsets.UTF_8)).path("code").intValue()).isZero();
	}

	@Test
	void gzipWithQualityZeroIsNotSent() {
		HttpResponse<byte[]> plain = get(FETCH, Form.of("appid", this.appid, "env", ENV, "status", "1"),
				"gzip;q=0, identity");

		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
	}

	@Test
	void pollsAnswerWithAChangeIsCompressed() {
		Form query = Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0");

		HttpResponse<byte[]> compressed = get(POLLS, query, "gzip");

		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		JsonNode answer = Answer.parse(gunzip(compressed.body()));
		assertThat(answer.path("data").path(this.appid).path("instances").path(ZONE)).hasSize(20);
		assertThat(answer).isEqualTo(this.http.get(POLLS, query).json());
	}

	@Test
	void pollAnswerWithAChangeIsCompressed() {
		Form query = Form.of("appid", this.appid, "env", ENV, "hostname", "c1", "latest_timestamp", "0");

		HttpResponse<byte[]> compressed = get(POLL, query, "gzip");

		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(Answer.parse(gunzip(compressed.body()))).isEqualTo(this.http.get(POLL, query).json());
	}

	@Test
	void fetchsAndFetchAllAreCompressed() {
		HttpResponse<byte[]> fetchs = get(FETCHS, Form.of("appid", this.appid, "env", ENV, "status", "1"), "gzip");
		HttpResponse<byte[]> all = get(FETCH_ALL, new Form(), "gzip");

		assertThat(fetchs.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(Answer.parse(gunzip(fetchs.body())).path("data").path(this.appid).path("instances").path(ZONE))
			.hasSize(20);
		assertThat(all.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(Answer.parse(gunzip(all.body())).path("data").path(this.appid)).hasSize(20);
	}

	private HttpResponse<byte[]> get(String path, Form query, String acceptEncoding) {
		HttpRequest.Builder request = this.http.request(this.http.uri(path, query)).GET();
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String gunzip(byte[] body) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

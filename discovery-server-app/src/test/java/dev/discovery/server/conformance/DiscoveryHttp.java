package dev.discovery.server.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Talks HTTP/1.1 to the server under test with {@link HttpClient}, so that tests control
 * bodies, content types, repeated parameters and headers exactly.
 */
final class DiscoveryHttp {

	/** Longer than the 30 s long-poll hold, like the Go clients' 40 s. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

	static final String FORM = "application/x-www-form-urlencoded";

	/**
	 * One client for all tests: it is thread-safe, and a client per test costs a selector
	 * thread each.
	 */
	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	private final int port;

	DiscoveryHttp(int port) {
		this.port = port;
	}

	int port() {
		return this.port;
	}

	URI uri(String path, Form query) {
		String encoded = query.encoded();
		return URI.create("http://127.0.0.1:" + this.port + path + (encoded.isEmpty() ? "" : "?" + encoded));
	}

	HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
	}

	Answer get(String path, Form query) {
		return send(request(uri(path, query)).GET().build());
	}

	Answer get(String path) {
		return get(path, new Form());
	}

	/** A form POST like the Go clients send: every parameter in the urlencoded body. */
	Answer post(String path, Form form) {
		return postBody(path, FORM, form.encoded());
	}

	/**
	 * A POST like kratos v2 sends: every parameter in the query string, empty body, no
	 * Content-Type.
	 */
	Answer postQuery(String path, Form query) {
		return send(request(uri(path, query)).POST(BodyPublishers.noBody()).build());
	}

	Answer postBody(String path, String contentType, String body) {
		return postBody(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	Answer postBody(String path, String contentType, byte[] body) {
		return send(request(uri(path, new Form())).header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body))
			.build());
	}

	Answer send(HttpRequest request) {
		try {
			return sendAsync(request).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof IOException io) ? new UncheckedIOException(io)
					: new IllegalStateException("request failed: " + request, cause);
		}
	}

	/** Sends without waiting; the answer's elapsed time is measured from this call. */
	CompletableFuture<Answer> sendAsync(HttpRequest request) {
		long start = System.nanoTime();
		return CLIENT.sendAsync(request, BodyHandlers.ofString(StandardCharsets.UTF_8))
			.thenApply((response) -> toAnswer(response, start));
	}

	CompletableFuture<Answer> getAsync(String path, Form query) {
		return sendAsync(request(uri(path, query)).GET().build());
	}

	CompletableFuture<Answer> postAsync(String path, Form form) {
		return sendAsync(request(uri(path, new Form())).header("Content-Type", FORM)
			.POST(BodyPublishers.ofString(form.encoded()))
			.build());
	}

	private static Answer toAnswer(HttpResponse<String> response, long start) {
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.body(), Duration.ofNanos(System.nanoTime() - start));
	}

}

package dev.discovery.server.replication;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Signs every request to a peer with the {@link PeerSignature} headers and refuses an
 * answer without a valid answer signature (it did not come from a node holding the
 * secret). Does nothing without a secret.
 */
final class PeerSigning implements ClientHttpRequestInterceptor {

	private final PeerSignature signature;

	PeerSigning(PeerSignature signature) {
		this.signature = signature;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.signature.isRequired()) {
			return execution.execute(request, body);
		}
		URI uri = request.getURI();
		// Body values first, then query values: the order in which the receiver binds
		// them.
		List<Map.Entry<String, String>> params = new ArrayList<>();
		MediaType type = request.getHeaders().getContentType();
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			parse(new String(body, StandardCharsets.UTF_8), params);
		}
		parse(uri.getRawQuery(), params);
		this.signature.sign(request.getMethod().name(), uri.getRawAuthority(), uri.getRawPath(), params)
			.forEach(request.getHeaders()::set);
		ClientHttpResponse response = execution.execute(request, body);
		byte[] answer;
		try (InputStream in = response.getBody()) {
			answer = in.readAllBytes();
		}
		if (!this.signature.verifyAnswer(request.getHeaders().getFirst(PeerSignature.SIGNATURE), answer,
				response.getHeaders().getFirst(PeerSignature.ANSWER))) {
			int status = response.getStatusCode().value();
			response.close();
			throw new UnauthenticatedAnswerException(status, "HTTP " + status + " from " + uri.getRawAuthority()
					+ " without a valid " + PeerSignature.ANSWER + " (not a peer, or another secret)");
		}
		return new Buffered(response, answer);
	}

	private static void parse(@Nullable String form, List<Map.Entry<String, String>> params) {
		if (form == null || form.isEmpty()) {
			return;
		}
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			params.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8)));
		}
	}

	/**
	 * An answer that did not come from a peer.
	 */
	static final class UnauthenticatedAnswerException extends RuntimeException {

		private final int status;

		UnauthenticatedAnswerException(int status, String message) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	/**
	 * The answer with its body already read (to check its signature).
	 */
	private static final class Buffered implements ClientHttpResponse {

		private final ClientHttpResponse response;

		private final byte[] body;

		Buffered(ClientHttpResponse response, byte[] body) {
			this.response = response;
			this.body = body;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}

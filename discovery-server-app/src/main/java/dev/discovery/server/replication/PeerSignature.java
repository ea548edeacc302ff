package dev.discovery.server.replication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Authenticates requests between server nodes without sending the cluster's secret
 * (docs/cluster.md, "Peer authentication"): the sender adds an HMAC-SHA256 over the
 * method, the path, its time, a random nonce and every parameter; the receiver accepts it
 * within a replay window, once. Answers to signed requests carry an HMAC over the
 * request's signature and the answer's body, so a node also knows whether an answer came
 * from a peer. Someone who sees the traffic learns nothing reusable: a signature is valid
 * for one request, once, for a short time.
 */
public final class PeerSignature {

	/** Epoch milliseconds when the sender signed the request. */
	public static final String TIME = "X-Discovery-Peer-Time";

	/** Random value that makes each signature unique. */
	public static final String NONCE = "X-Discovery-Peer-Nonce";

	/** Base64url HMAC-SHA256 of the request. */
	public static final String SIGNATURE = "X-Discovery-Peer-Signature";

	/** Base64url HMAC-SHA256 of the answer, bound to the request's signature. */
	public static final String ANSWER = "X-Discovery-Peer-Answer";

	private static final String ALGORITHM = "HmacSHA256";

	private static final int MAX_REMEMBERED_NONCES = 200_000;

	private final @Nullable SecretKeySpec key;

	private final Clock clock;

	private final long windowMillis;

	private final SecureRandom random = new SecureRandom();

	// nonce -> time after which it can be forgotten (its signature has expired by then)
	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	private final AtomicInteger sinceSweep = new AtomicInteger();

	/**
	 * Creates the signer and verifier.
	 * @param secret the cluster's shared secret; {@code null} or blank: no authentication
	 * @param clock time source of signatures and of the replay window
	 * @param window how far a request's time may be from this node's clock
	 */
	public PeerSignature(@Nullable String secret, Clock clock, Duration window) {
		this.key = (secret != null && !secret.isBlank())
				? new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM) : null;
		this.clock = clock;
		this.windowMillis = window.toMillis();
	}

	/**
	 * Whether a secret is configured, so that peers must authenticate.
	 * @return {@code true} with a secret
	 */
	public boolean isRequired() {
		return this.key != null;
	}

	/**
	 * The headers that authenticate a request; empty without a secret.
	 * @param method HTTP method
	 * @param destination {@code host:port} of the node the request goes to
	 * @param path request path
	 * @param params every parameter, query and body, in order
	 * @return header name to value
	 */
	public Map<String, String> sign(String method, String destination, String path,
			List<Map.Entry<String, String>> params) {
		if (this.key == null) {
			return Map.of();
		}
		String time = Long.toString(this.clock.millis());
		byte[] nonceBytes = new byte[16];
		this.random.nextBytes(nonceBytes);
		String nonce = HexFormat.of().formatHex(nonceBytes);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(TIME, time);
		headers.put(NONCE, nonce);
		headers.put(SIGNATURE, mac(requestText(method, destination, path, time, nonce, params)));
		return headers;
	}

	/**
	 * Checks a received request.
	 * @param method HTTP method
	 * @param destination this node's advertised {@code host:port}: a request signed for
	 * another node is refused, so a node that received signed requests cannot replay them
	 * elsewhere
	 * @param path the path the router dispatched
	 * @param header reads a request header ({@code null} when absent)
	 * @param params every bound parameter (body values first, then query values)
	 * @return the verdict
	 */
	public Verdict verify(String method, String destination, String path, Function<String, @Nullable String> header,
			Map<String, List<String>> params) {
		String signature = header.apply(SIGNATURE);
		String time = header.apply(TIME);
		String nonce = header.apply(NONCE);
		if (signature == null && time == null && nonce == null) {
			return Verdict.UNSIGNED;
		}
		if (this.key == null) {
			// Nothing to check against: treated like any unsigned request.
			return Verdict.UNSIGNED;
		}
		if (signature == null || time == null || nonce == null || nonce.length() > 64) {
			return Verdict.invalid("incomplete signature headers");
		}
		long signedAt;
		try {
			signedAt = Long.parseLong(time);
		}
		catch (NumberFormatException ex) {
			return Verdict.invalid("unreadable " + TIME);
		}
		long now = this.clock.millis();
		if (Math.abs(now - signedAt) > this.windowMillis) {
			return Verdict.invalid("signed " + (now - signedAt) + " ms away from this node's clock (window "
					+ this.windowMillis + " ms)");
		}
		List<Map.Entry<String, String>> entries = new ArrayList<>();
		params.forEach((name, values) -> values.forEach((value) -> entries.add(Map.entry(name, value))));
		String expected = mac(requestText(method, destination, path, time, nonce, entries));
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.invalid("signature does not match the request (altered, another secret, or signed for "
					+ "another node than " + destination + ")");
		}
		if (this.seen.putIfAbsent(nonce, signedAt + this.windowMillis) != null) {
			return Verdict.invalid("replayed request (nonce already used)");
		}
		sweep(now);
		return Verdict.VALID;
	}

	/**
	 * The signature of an answer to a signed request.
	 * @param requestSignature the request's {@link #SIGNATURE} header
	 * @param body the answer's body
	 * @return the {@link #ANSWER} header value, {@code null} without a secret
	 */
	public @Nullable String signAnswer(String requestSignature, byte[] body) {
		if (this.key == null) {
			return null;
		}
		return mac(answerText(requestSignature, body));
	}

	/**
	 * Whether an answer came from a node that holds the secret; always {@code true}
	 * without a secret.
	 * @param requestSignature the signature this node sent
	 * @param body the answer's body
	 * @param presented the answer's {@link #ANSWER} header or {@code null}
	 * @return {@code true} when authentic
	 */
	public boolean verifyAnswer(@Nullable String requestSignature, byte[] body, @Nullable String presented) {
		if (this.key == null) {
			return true;
		}
		if (requestSignature == null || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(mac(answerText(requestSignature, body)).getBytes(StandardCharsets.US_ASCII),
				presented.getBytes(StandardCharsets.US_ASCII));
	}

	private static String requestText(String method, String destination, String path, String time, String nonce,
			List<Map.Entry<String, String>> params) {
		// Parameters sorted by name (values of one name keep their order), so that the
		// receiver can rebuild the text from what it bound, wherever each value came
		// from.
		List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
		sorted.sort(Comparator.comparing(Map.Entry::getKey));
		StringBuilder text = new StringBuilder(256).append("discovery-peer-v1\n")
			.append(method)
			.append('\n')
			.append(destination)
			.append('\n')
			.append(path)
			.append('\n')
			.append(time)
			.append('\n')
			.append(nonce)
			.append('\n');
		for (Map.Entry<String, String> entry : sorted) {
			text.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
				.append('&');
		}
		return text.toString();
	}

	private static String answerText(String requestSignature, byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "discovery-answer-v1\n" + requestSignature + "\n" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String mac(String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Forgets nonces whose signatures have expired, at most once per 1,000 requests, and
	 * bounds their number.
	 */
	private void sweep(long now) {
		if (this.sinceSweep.incrementAndGet() < 1000 && this.seen.size() < MAX_REMEMBERED_NONCES) {
			return;
		}
		this.sinceSweep.set(0);
		this.seen.values().removeIf((forgetAt) -> forgetAt < now);
	}

	/**
	 * What a request's signature says about its sender.
	 *
	 * @param status signed and valid, unsigned, or signed but not acceptable
	 * @param reason why an invalid signature was refused
	 */
	public record Verdict(Status status, @Nullable String reason) {

		/** A valid signature: the sender holds the secret. */
		public static final Verdict VALID = new Verdict(Status.VALID, null);

		/** No signature (or no secret to check one with). */
		public static final Verdict UNSIGNED = new Verdict(Status.UNSIGNED, null);

		static Verdict invalid(String reason) {
			return new Verdict(Status.INVALID, reason);
		}

		/**
		 * The outcome of the check.
		 */
		public enum Status {

			/** Signed with the secret, in the window, first use. */
			VALID,

			/** Not signed. */
			UNSIGNED,

			/** Signed, but not acceptable (wrong, altered, expired or replayed). */
			INVALID

		}

	}

}

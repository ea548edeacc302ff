package dev.discovery.server.faults;

import java.util.List;

import dev.discovery.server.faults.FuzzCase.Mutation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of malformed requests, one per mutation class, against every route of the
 * discovery API and the actuator.
 */
final class FuzzRequests {

	static final String CANARY_APP = "fuzz.canary";

	static final List<String> WRITES = List.of("/discovery/register", "/discovery/renew", "/discovery/cancel",
			"/discovery/set");

	static final List<String> READS = List.of("/discovery/fetch", "/discovery/fetchs", "/discovery/poll",
			"/discovery/polls", "/discovery/nodes", "/discovery/fetch/all", "/actuator/health", "/actuator/prometheus",
			"/actuator/metrics", "/actuator/info");

	static final String FORM = "application/x-www-form-urlencoded";

	static final String VALID_BODY = "zone=sh001&env=dev&appid=fuzz.app&hostname=f1&addrs=http://127.0.0.1:1&status=1";

	static final String VALID_QUERY = "appid=fuzz.app&env=dev&hostname=f1&status=1&latest_timestamp=0";

	private FuzzRequests() {
	}

	static Arbitrary<FuzzCase> any() {
		return Arbitraries.oneOf(contentType(), charset(), multipart(), bodyEscapes(), queryEscapes(), size(),
				chunking(), headers(), requestLine(), params(), paths());
	}

	static Arbitrary<String> routes() {
		return Arbitraries.oneOf(Arbitraries.of(WRITES), Arbitraries.of(READS));
	}

	static Arbitrary<FuzzCase> contentType() {
		Arbitrary<String> types = Arbitraries.oneOf(
				Arbitraries.of("foo", ";;;", "multipart/form-data; boundary=", "text/plain; charset=foo", "a, b", "/",
						"*/*", "application/", "/form", "application/x-www-form-urlencoded;;", "\"quoted\"",
						"application/x-www-form-urlencoded; a", "multipart/form-data", "application/json", ""),
				Arbitraries.strings().withChars("abc/;=, \"*-+.").ofMaxLength(30));
		return Combinators.combine(routes(), Arbitraries.of("GET", "POST"), types)
			.as((route, method, type) -> FuzzCase.of(Mutation.CONTENT_TYPE, method + " " + type,
					request(method, route, method.equals("GET") ? VALID_QUERY : "", type, VALID_BODY)));
	}

	static Arbitrary<FuzzCase> charset() {
		Arbitrary<String> charsets = Arbitraries.oneOf(
				Arbitraries.of("foo", "utf-9", "UTF-8", "ISO-8859-1", "\"utf-8\"", "", "x-unknown", "UTF-16",
						"utf8;charset=foo"),
				Arbitraries.strings().alpha().numeric().withChars("-_.:+").ofMaxLength(20));
		return Combinators.combine(Arbitraries.of(WRITES), charsets)
			.as((route, charset) -> FuzzCase.of(Mutation.CHARSET, charset,
					request("POST", route, "", FORM + "; charset=" + charset, VALID_BODY)));
	}

	static Arbitrary<FuzzCase> multipart() {
		Arbitrary<String> boundaries = Arbitraries.of("", "XX", "\"XX\"", "X".repeat(100), " ", "--");
		Arbitrary<String> bodies = Arbitraries
			.of("garbage", "--XX\r\nContent-Disposition: form-data; name=\"zone\"\r\n\r\nz1",
					"--XX\r\n\r\nvalue\r\n--XX--\r\n", "--XX\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XX--\r\n",
					"--XX\r\nContent-Disposition: form-data; name=\"zone\"\r\n\r\nsh001\r\n--XX--\r\n", "--XX--",
					"--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n" + "x".repeat(5000)
							+ "\r\n--XX--\r\n",
					"--XX\r\n" + "H: " + "v".repeat(20_000) + "\r\n\r\nv\r\n--XX--\r\n", "");
		return Combinators.combine(Arbitraries.of(WRITES), boundaries, bodies)
			.as((route, boundary, body) -> FuzzCase.of(Mutation.MULTIPART, "boundary=" + boundary,
					request("POST", route, "", "multipart/form-data; boundary=" + boundary, body)));
	}

	static Arbitrary<FuzzCase> bodyEscapes() {
		Arbitrary<String> escapes = Arbitraries.oneOf(
				Arbitraries.of("%zz", "%", "%2", "%u0041", "%%", "%0", "%c3", "%ff%fe", "%00", "+%2B+", "%E2%82"),
				Arbitraries.strings().withChars("%0123456789abcdefxyzu+&=").ofMaxLength(12));
		return Combinators.combine(Arbitraries.of(WRITES), escapes, Arbitraries.of("zone", "appid", "hostname", "x"))
			.as((route, escape, name) -> FuzzCase.of(Mutation.BODY_ESCAPES, name + "=" + escape,
					request("POST", route, "", FORM, VALID_BODY + "&" + name + "=" + escape + "&replication=true")));
	}

	static Arbitrary<FuzzCase> queryEscapes() {
		Arbitrary<String> escapes = Arbitraries.oneOf(Arbitraries.of("%zz", "%", "%2", "%u0041", "a b", "\u00e9",
				"#frag", "%00", "\"", "<>", "{}", "|", "^", "`"),
				Arbitraries.strings().withChars("%0123456789abcdefxyz +&=#?/;\u00ff").ofMaxLength(12));
		return Combinators.combine(routes(), escapes)
			.as((route, escape) -> FuzzCase.of(Mutation.QUERY_ESCAPES, escape,
					request("GET", route, VALID_QUERY + "&x=" + escape, "", "")));
	}

	static Arbitrary<FuzzCase> size() {
		Arbitrary<String> declared = Arbitraries.of("300000", "10000000", "1000000000000", "99999999999999999999", "-1",
				"1 2", "abc", "262145");
		Arbitrary<FuzzCase> declaredOnly = Combinators.combine(Arbitraries.of(WRITES), declared)
			.as((route, length) -> FuzzCase.of(Mutation.SIZE, "Content-Length: " + length, head("POST", route, "")
					+ "Content-Type: " + FORM + "\r\nContent-Length: " + length + "\r\n\r\n" + VALID_BODY));
		Arbitrary<FuzzCase> actual = Combinators.combine(Arbitraries.of(WRITES), Arbitraries.of(262_145, 300_000))
			.as((route, length) -> FuzzCase.of(Mutation.SIZE, length + " bytes sent",
					request("POST", route, "", FORM, "a=" + "x".repeat(length))));
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, declaredOnly), net.jqwik.api.Tuple.of(1, actual));
	}

	static Arbitrary<FuzzCase> chunking() {
		Arbitrary<String> bodies = Arbitraries.of("zz\r\nabc\r\n0\r\n\r\n", "-1\r\nabc\r\n0\r\n\r\n",
				"ffffffffffffffff\r\nabc\r\n0\r\n\r\n", "3;ext=\"\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
				"3\r\nabc0\r\n\r\n", "0\r\nTrailer: \u0001\r\n\r\n", "5\r\nzone=\r\n0\r\nbad trailer\r\n\r\n",
				"3 \r\nabc\r\n0\r\n\r\n", "\r\n\r\n", "1\r\n%\r\n0\r\n\r\n",
				"40000\r\n" + "a".repeat(100) + "\r\n0\r\n\r\n");
		Arbitrary<String> encodings = Arbitraries.of("chunked", "chunked, chunked", "gzip, chunked", "identity",
				"chunked\r\nContent-Length: 3", "x");
		return Combinators.combine(Arbitraries.of(WRITES), encodings, bodies)
			.as((route, encoding, body) -> FuzzCase.of(Mutation.CHUNKING, encoding + " / " + abbreviate(body),
					head("POST", route, "") + "Content-Type: " + FORM + "\r\nTransfer-Encoding: " + encoding
							+ "\r\n\r\n" + body));
	}

	static Arbitrary<FuzzCase> headers() {
		Arbitrary<String> lines = Arbitraries.of("NoColon", "Bad Name: v", ": empty name", "X: \u0000",
				"X: \u0001\u007f", "X: v\r\n folded", "Host: second", "X-" + "a".repeat(70_000) + ": v",
				"X: " + "b".repeat(70_000), "Content-Length: 1\r\nContent-Length: 2", "Expect: 100-continue",
				"Expect: nonsense", "x1-bmspy-timeout: -5", "x1-bmspy-timeout: abc",
				"Connection: upgrade\r\nUpgrade: h2c", "Accept: ;;;", "Accept: foo", "Accept-Encoding: ;q=x");
		return Combinators.combine(routes(), Arbitraries.of("GET", "POST"), lines).as((route, method, line) -> {
			String body = method.equals("POST") ? VALID_BODY : "";
			String text = method + " " + route + (method.equals("GET") ? "?" + VALID_QUERY : "") + " HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\n" + line + "\r\n"
					+ (method.equals("POST") ? "Content-Type: " + FORM + "\r\n" : "") + "Content-Length: "
					+ body.length() + "\r\n\r\n" + body;
			return FuzzCase.of(Mutation.HEADERS, abbreviate(line), text);
		});
	}

	static Arbitrary<FuzzCase> requestLine() {
		Arbitrary<String> lines = Arbitraries.of("GET", "GET /discovery/fetch", "GET /discovery/fetch HTTP/2.0",
				"GET /discovery/fetch HTTP/0.9", "GET /discovery/fetch HTTP/1.2", "GET /discovery/fe tch HTTP/1.1",
				"GET /discovery/fetch?" + "a".repeat(70_000) + " HTTP/1.1", "get /discovery/fetch HTTP/1.1",
				"BREW /discovery/fetch HTTP/1.1", "GET http://127.0.0.1/discovery/fetch?" + VALID_QUERY + " HTTP/1.1",
				"OPTIONS * HTTP/1.1", "GET discovery/fetch HTTP/1.1", "  GET /discovery/fetch HTTP/1.1",
				"GET\t/discovery/fetch\tHTTP/1.1", "\u0016\u0003\u0001\u0000", "PRI * HTTP/2.0",
				"DELETE /discovery/register HTTP/1.1", "GET /discovery/fetch?" + VALID_QUERY + " HTTP/1.0");
		return lines.map((line) -> FuzzCase.of(Mutation.REQUEST_LINE, abbreviate(line),
				line + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"));
	}

	static Arbitrary<FuzzCase> params() {
		Arbitrary<String> names = Arbitraries.of("zone", "env", "appid", "hostname", "addrs", "status", "metadata",
				"version", "region", "latest_timestamp", "dirty_timestamp", "set_timestamp", "replication",
				"from_zone");
		Arbitrary<String> values = Arbitraries.oneOf(
				Arbitraries.of("", "-1", "0", "3", "4294967296", "9223372036854775807", "9223372036854775808",
						"-9223372036854775809", "1e3", "0x10", "true", "{", "{\"a\":1}", "[]", "null", "x".repeat(300),
						"{\"k\":" + "\"v\"".repeat(3000) + "}", "%E2%82%AC", "a,b,,c"),
				Arbitraries.strings().ofMaxLength(20).map(FuzzRequests::formEncode));
		Arbitrary<String> pairs = Combinators.combine(names, values).as((name, value) -> name + "=" + value);
		return Combinators.combine(routes(), pairs.list().ofMinSize(1).ofMaxSize(6)).as((route, list) -> {
			String params = String.join("&", list);
			boolean write = WRITES.contains(route);
			return FuzzCase.of(Mutation.PARAMS, params.length() > 80 ? params.substring(0, 80) : params,
					write ? request("POST", route, "", FORM, VALID_BODY + "&" + params)
							: request("GET", route, VALID_QUERY + "&" + params, "", ""));
		});
	}

	static Arbitrary<FuzzCase> paths() {
		return Combinators.combine(routes(), Arbitraries.integers().between(0, 12)).as((route, variant) -> {
			String path = PathVariants.variant(route, variant);
			boolean write = WRITES.contains(route);
			return FuzzCase.of(Mutation.PATHS, path,
					write ? request("POST", path, "", FORM, VALID_BODY) : request("GET", path, VALID_QUERY, "", ""));
		});
	}

	/** A well-formed request. */
	static String request(String method, String path, String query, String contentType, String body) {
		StringBuilder text = new StringBuilder(head(method, path, query));
		if (!contentType.isEmpty()) {
			text.append("Content-Type: ").append(contentType).append("\r\n");
		}
		text.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
		return text.toString();
	}

	static String head(String method, String path, String query) {
		return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
	}

	/** A fetch of the canary app, pipelined around the fuzzed request. */
	static String canaryFetch() {
		return request("GET", "/discovery/fetch", "appid=" + CANARY_APP + "&env=dev&status=1", "", "");
	}

	private static String formEncode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

}

package dev.discovery.protocol.http;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.DiscoveryJson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the {@link DiscoveryHttpApi} on Spring's {@link RestClient} and the JDK HTTP
 * client, reading answers with the lenient {@link DiscoveryJson#mapper()}; answers are
 * requested gzip-compressed.
 */
public final class DiscoveryHttpApiFactory {

	private DiscoveryHttpApiFactory() {
	}

	/**
	 * Create the client of an application: the {@code x1-bmspy-timeout} header announces
	 * the read timeout minus a small margin (at most 1 s), so that a long poll's -304
	 * arrives before the client gives up.
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout whole-request timeout, above the 30 s long-poll hold
	 * @return the client
	 */
	public static DiscoveryHttpApi create(Duration connectTimeout, Duration readTimeout) {
		return create(connectTimeout, readTimeout, DiscoveryJson.mapper());
	}

	/**
	 * Create the client of an application with a mapper of its own.
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout whole-request timeout; the {@code x1-bmspy-timeout} header
	 * announces it minus a small margin (at most 1 s)
	 * @param jsonMapper mapper for the answers
	 * @return the client
	 * @see #create(Duration, Duration)
	 */
	public static DiscoveryHttpApi create(Duration connectTimeout, Duration readTimeout, JsonMapper jsonMapper) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		// announce a little less than we wait, so the server's -304 arrives before our
		// own timeout fires
		Duration margin = readTimeout.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? readTimeout.dividedBy(10)
				: Duration.ofSeconds(1);
		RestClient restClient = restClient(httpClient, readTimeout, jsonMapper)
			.defaultHeader(DiscoveryApi.TIMEOUT_HEADER, Long.toString(readTimeout.minus(margin).toMillis()))
			.build();
		return create(restClient);
	}

	/**
	 * A {@link RestClient} builder on a JDK HTTP client that reads answers with a mapper;
	 * callers add what their requests need (headers, interceptors) and pass the result to
	 * {@link #create(RestClient)}.
	 * @param httpClient the JDK HTTP client (HTTP/1.1: what discovery servers speak)
	 * @param readTimeout whole-request timeout
	 * @param jsonMapper mapper for the answers
	 * @return the builder
	 */
	public static RestClient.Builder restClient(HttpClient httpClient, Duration readTimeout, JsonMapper jsonMapper) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		// Asks for gzip (as Go's net/http does) and decompresses: a 100-instance answer
		// shrinks about tenfold.
		requestFactory.enableCompression(true);
		return RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters(
					(converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(jsonMapper)));
	}

	/**
	 * Create the client on a configured {@link RestClient}.
	 * @param restClient sends the requests
	 * @return the client
	 */
	public static DiscoveryHttpApi create(RestClient restClient) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(DiscoveryHttpApi.class);
	}

}

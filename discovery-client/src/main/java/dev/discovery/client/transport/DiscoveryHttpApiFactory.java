package dev.discovery.client.transport;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.discovery.protocol.DiscoveryApi;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the {@link DiscoveryHttpApi} on Spring's {@link RestClient} and the JDK HTTP
 * client, with a read timeout above the 30 s long-poll hold.
 */
public final class DiscoveryHttpApiFactory {

	private DiscoveryHttpApiFactory() {
	}

	/**
	 * A JSON mapper that tolerates what discovery servers send: unknown and missing
	 * fields.
	 * @return the mapper
	 */
	public static JsonMapper jsonMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * Create the client.
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout whole-request timeout; the {@code x1-bmspy-timeout} header
	 * announces it minus a small margin (at most 1 s)
	 * @param jsonMapper mapper for the answers
	 * @return the client
	 */
	public static DiscoveryHttpApi create(Duration connectTimeout, Duration readTimeout, JsonMapper jsonMapper) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		// announce a little less than we wait, so the server's -304 arrives before our
		// own timeout fires
		Duration margin = readTimeout.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? readTimeout.dividedBy(10)
				: Duration.ofSeconds(1);
		RestClient restClient = RestClient.builder()
			.requestFactory(requestFactory)
			.defaultHeader(DiscoveryApi.TIMEOUT_HEADER, Long.toString(readTimeout.minus(margin).toMillis()))
			.configureMessageConverters(
					(converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(jsonMapper)))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(DiscoveryHttpApi.class);
	}

}

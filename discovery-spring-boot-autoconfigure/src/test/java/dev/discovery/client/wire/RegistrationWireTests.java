package dev.discovery.client.wire;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.registration.DiscoveryRegistration;
import dev.discovery.client.registration.DiscoveryServiceRegistry;
import dev.discovery.client.registration.LocalInstance;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.protocol.DiscoveryApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the starter sends to register, renew, set, cancel and fetch, and how it moves
 * between nodes (docs/wire-protocol.md §8.2, §8.4, §13 items 67, 68 and 72), observed
 * through recording proxies in front of the real server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationWireTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	// what makes the starter send a request of each kind
	private static final Map<String, BiConsumer<AssertableApplicationContext, DiscoveryRegistration>> ACTIONS = Map.of(
			DiscoveryApi.REGISTER, (context, registration) -> registry(context).register(registration),
			DiscoveryApi.RENEW, (context, registration) -> {
				// the renew loop runs on its own; nothing to trigger
			}, DiscoveryApi.SET,
			(context, registration) -> registry(context).setStatus(registration,
					DiscoveryServiceRegistry.OUT_OF_SERVICE),
			DiscoveryApi.CANCEL, (context, registration) -> registry(context).deregister(registration),
			DiscoveryApi.FETCHS, (context, registration) -> context.getBean(DiscoveryInstances.class)
				.instances(registration.getServiceId()));

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final List<RecordingProxy> proxies = new CopyOnWriteArrayList<>();

	private WireServer server;

	@BeforeAll
	void startServer() {
		this.server = WireServer.start();
	}

	@AfterAll
	void stopServer() {
		this.proxies.forEach(RecordingProxy::close);
		this.server.close();
	}

	@Test
	void registerIsAFormPostWithStatusOneOneAddrsPerAddressAndMetadataAsJsonText() throws IOException {
		RecordingProxy proxy = proxy();
		DiscoveryRegistration registration = registration("reg.form", "h1", Map.of("weight", "10", "color", "blue"),
				List.of("grpc://127.0.0.1:9001"));
		client(proxy).run((context) -> {
			registry(context).register(registration);
			RecordedRequest register = only(proxy, DiscoveryApi.REGISTER);
			assertThat(register.method()).isEqualTo("POST");
			assertThat(register.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(register.query()).isEmpty();
			assertThat(register.value("region")).isEqualTo("sh");
			assertThat(register.value("zone")).isEqualTo("sh001");
			assertThat(register.value("env")).isEqualTo("dev");
			assertThat(register.value("appid")).isEqualTo("reg.form");
			assertThat(register.value("hostname")).isEqualTo("h1");
			assertThat(register.value("version")).isEqualTo("v1");
			assertThat(register.value("status")).isEqualTo("1");
			assertThat(register.values("addrs")).containsExactly("http://127.0.0.1:8081", "grpc://127.0.0.1:9001");
			assertThat(this.mapper.readValue(register.value("metadata"), Map.class))
				.isEqualTo(Map.of("weight", "10", "color", "blue"));
			assertThat(register.answerBody()).contains("\"code\":0");
			registry(context).deregister(registration);
		});
	}

	@Test
	void registerWithoutMetadataSendsAnEmptyMetadataValue() throws IOException {
		RecordingProxy proxy = proxy();
		DiscoveryRegistration registration = registration("reg.bare", "h1", Map.of(), List.of());
		client(proxy).run((context) -> {
			registry(context).register(registration);
			RecordedRequest register = only(proxy, DiscoveryApi.REGISTER);
			assertThat(register.values("metadata")).containsExactly("");
			assertThat(register.values("addrs")).containsExactly("http://127.0.0.1:8081");
			registry(context).deregister(registration);
		});
	}

	@Test
	void renewAnsweredNothingFoundIsFollowedByARegisterOnTheSameNode() throws IOException {
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		DiscoveryRegistration registration = registration("reg.forgotten", "h1", Map.of(), List.of());
		client(a, b).run((context) -> {
			registry(context).register(registration);
			RecordingProxy used = proxyOf(context, a, b);
			await().atMost(WAIT).until(() -> used.requests(DiscoveryApi.RENEW).size() >= 1);
			// the server forgets the instance, e.g. after a restart or an eviction
			this.server.cancel("reg.forgotten", "h1");
			List<RecordedRequest> posts = await().atMost(WAIT)
				.until(() -> writes(used, "reg.forgotten"), (requests) -> requests.stream()
					.anyMatch((request) -> request.path().equals(DiscoveryApi.REGISTER) && request != requests.get(0)));
			int forgotten = indexOfNothingFound(posts);
			assertThat(posts.get(forgotten + 1).path()).isEqualTo(DiscoveryApi.REGISTER);
			assertThat(posts.get(forgotten + 1).value("status")).isEqualTo("1");
			assertThat(writes((used == a) ? b : a, "reg.forgotten")).isEmpty();
			registry(context).deregister(registration);
		});
	}

	static Stream<Arguments> failingRequests() {
		return Stream.of(Arguments.of(DiscoveryApi.REGISTER, Reply.status(500)),
				Arguments.of(DiscoveryApi.RENEW, Reply.hangUp()), Arguments.of(DiscoveryApi.SET, Reply.status(503)),
				Arguments.of(DiscoveryApi.CANCEL, Reply.hangUp()),
				Arguments.of(DiscoveryApi.FETCHS, Reply.json("not json")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failingRequests")
	void transportErrorMovesTheRequestToTheNextNode(String path, Reply fault) throws IOException {
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		String appid = "reg.failover" + path.replace('/', '.');
		DiscoveryRegistration registration = registration(appid, "h1", Map.of(), List.of());
		client(a, b).run((context) -> {
			RecordingProxy first = proxyOf(context, a, b);
			RecordingProxy other = (first == a) ? b : a;
			first.on((request) -> request.path().equals(path), fault);
			if (!path.equals(DiscoveryApi.REGISTER)) {
				registry(context).register(registration);
			}
			ACTIONS.get(path).accept(context, registration);
			RecordedRequest failed = await().atMost(WAIT).until(() -> first.requests(path), (r) -> !r.isEmpty()).get(0);
			RecordedRequest retried = await().atMost(WAIT)
				.until(() -> other.requests(path), (r) -> !r.isEmpty())
				.get(0);
			assertThat(retried.query()).isEqualTo(failed.query());
			assertThat(retried.body()).isEqualTo(failed.body());
			assertThat(retried.answerBody()).contains("\"code\":0");
			assertThat(context.getBean(DiscoveryNodes.class).current()).isEqualTo(other.uri());
			registry(context).deregister(registration);
		});
	}

	private ApplicationContextRunner client(RecordingProxy... nodes) {
		return WireClients.client(nodes)
			.withPropertyValues("discovery.instance.renew-interval=200ms", "discovery.instance.renew-jitter=0s",
					"discovery.instance.retry-interval=200ms");
	}

	private RecordingProxy proxy() throws IOException {
		RecordingProxy proxy = RecordingProxy.start().forwardTo(this.server.node());
		this.proxies.add(proxy);
		return proxy;
	}

	private static DiscoveryRegistration registration(String appid, String hostname, Map<String, String> metadata,
			List<String> extraAddrs) {
		return new DiscoveryRegistration(new LocalInstance(appid, "sh", "sh001", "dev", hostname, "host", "127.0.0.1",
				8081, false, "v1", metadata, extraAddrs));
	}

	private static DiscoveryServiceRegistry registry(AssertableApplicationContext context) {
		return context.getBean(DiscoveryServiceRegistry.class);
	}

	private static RecordingProxy proxyOf(AssertableApplicationContext context, RecordingProxy a, RecordingProxy b) {
		URI current = context.getBean(DiscoveryNodes.class).current();
		return current.equals(a.uri()) ? a : b;
	}

	private static RecordedRequest only(RecordingProxy proxy, String path) {
		List<RecordedRequest> requests = proxy.requests(path);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	// register, renew, set and cancel requests of one app, in arrival order
	private static List<RecordedRequest> writes(RecordingProxy proxy, String appid) {
		return proxy.requests()
			.stream()
			.filter((request) -> request.method().equals("POST") && request.values("appid").contains(appid))
			.toList();
	}

	private static int indexOfNothingFound(List<RecordedRequest> posts) {
		for (int i = 0; i < posts.size(); i++) {
			RecordedRequest request = posts.get(i);
			if (request.path().equals(DiscoveryApi.RENEW) && request.answer().isDone()
					&& String.valueOf(request.answerBody()).contains("\"code\":-404")) {
				return i;
			}
		}
		throw new AssertionError("No renew was answered -404 in " + posts);
	}

}

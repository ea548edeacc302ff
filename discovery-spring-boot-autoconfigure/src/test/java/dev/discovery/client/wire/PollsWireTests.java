package dev.discovery.client.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.discovery.client.discovery.DiscoveredInstance;
import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstanceCache;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.protocol.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the starter's long-poll loop sends to {@code /discovery/polls} and how it treats
 * the answers (docs/wire-protocol.md §8.3–§8.6, §13 items 66, 69, 70, 71, 72 and 74),
 * observed through recording proxies in front of the real server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollsWireTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String ADDR = "http://127.0.0.1:18080";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final List<RecordingProxy> proxies = new CopyOnWriteArrayList<>();

	private WireServer server;

	@BeforeAll
	void startServer(@TempDir Path schedulers) throws IOException {
		Files.writeString(schedulers.resolve("polls.sched.json"), """
				{"app_id":"polls.sched","env":"dev",
				 "clients":{"sh001":{"zones":{"sh001":{"weight":3},"sh002":{"weight":1}}}},"remark":"two zones"}
				""");
		this.server = WireServer.start("discovery.server.scheduler-dir=" + schedulers);
	}

	@AfterAll
	void stopServer() {
		this.proxies.forEach(RecordingProxy::close);
		this.server.close();
	}

	@Test
	void pollsCarryEnvHostnameAndOneTimestampPerAppInAppOrderButNoZone() throws IOException {
		this.server.register("polls.one", "h1", ADDR);
		this.server.register("polls.two", "h1", ADDR);
		RecordingProxy proxy = proxy();
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.two,polls.one").run((context) -> {
			List<RecordedRequest> polls = awaitPolls(proxy, 2);
			RecordedRequest first = polls.get(0);
			RecordedRequest second = polls.get(1);
			assertThat(second.method()).isEqualTo("GET");
			assertThat(second.body()).isEmpty();
			assertThat(second.paramNames()).doesNotContain("zone")
				.containsOnly("appid", "latest_timestamp", "env", "hostname");
			assertThat(second.value("env")).isEqualTo("dev");
			assertThat(second.value("hostname")).isEqualTo(WireClients.HOSTNAME);
			assertThat(second.values("appid")).containsExactlyInAnyOrder(DiscoveryApi.SELF_APPID, "polls.one",
					"polls.two");
			assertThat(first.values("latest_timestamp")).hasSize(3).containsOnly("0");
			// the i-th timestamp is the one the previous answer gave the i-th app
			assertThat(sentTimestamps(second)).isEqualTo(answeredTimestamps(first))
				.allSatisfy((appid, timestamp) -> assertThat(timestamp).isPositive());
		});
	}

	@Test
	void firstLookupOfAnAppRestartsThePollWithEveryAppAndTheKnownTimestamps() throws IOException {
		this.server.register("polls.early", "h1", ADDR);
		this.server.register("polls.late", "h1", ADDR);
		RecordingProxy proxy = proxy();
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.early").run((context) -> {
			List<RecordedRequest> before = awaitPolls(proxy, 2);
			assertThat(context.getBean(DiscoveryInstances.class).instances("polls.late")).hasSize(1);
			RecordedRequest fetch = proxy.requests(DiscoveryApi.FETCHS).get(0);
			assertThat(fetch.values("appid")).containsExactly("polls.late");
			RecordedRequest restarted = awaitPolls(proxy, 3).get(2);
			Map<String, Long> expected = new LinkedHashMap<>(answeredTimestamps(before.get(0)));
			expected.put("polls.late",
					read(fetch.answerBody()).path("data").path("polls.late").path("latest_timestamp").asLong());
			assertThat(sentTimestamps(restarted)).isEqualTo(expected);
		});
	}

	@Test
	void rotationToAnotherNodeSendsTimestampZeroForEveryApp() throws IOException {
		this.server.register("polls.rotate", "h1", ADDR);
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		MutableClock clock = new MutableClock();
		WireClients.client(a, b)
			.withPropertyValues("discovery.subscriptions=polls.rotate")
			.withBean(DiscoveryNodes.class,
					() -> new DiscoveryNodes(List.of(a.node(), b.node()), WireClients.ZONE, Duration.ofMinutes(30),
							clock, new Random()))
			.run((context) -> {
				RecordingProxy first = awaitSteadyPoll(context, a, b);
				RecordingProxy other = (first == a) ? b : a;
				assertThat(other.requests(DiscoveryApi.POLLS)).isEmpty();
				clock.advance(Duration.ofMinutes(30));
				// a change ends the parked poll; the next one goes to the other node
				this.server.register("polls.rotate", "h2", ADDR);
				RecordedRequest moved = awaitPolls(other, 1).get(0);
				assertThat(moved.values("appid")).containsExactlyInAnyOrder(DiscoveryApi.SELF_APPID, "polls.rotate");
				assertThat(moved.values("latest_timestamp")).hasSize(2).containsOnly("0");
				assertThat(context.getBean(InstancePoller.class).status().consecutiveFailures()).isZero();
			});
	}

	@Test
	void failoverToAnotherNodeSendsTimestampZeroForEveryApp() throws IOException {
		this.server.register("polls.failover", "h1", ADDR);
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		WireClients.client(a, b).withPropertyValues("discovery.subscriptions=polls.failover").run((context) -> {
			RecordingProxy first = awaitSteadyPoll(context, a, b);
			RecordingProxy other = (first == a) ? b : a;
			first.goDown();
			RecordedRequest moved = awaitPolls(other, 1).get(0);
			assertThat(moved.values("appid")).containsExactlyInAnyOrder(DiscoveryApi.SELF_APPID, "polls.failover");
			assertThat(moved.values("latest_timestamp")).hasSize(2).containsOnly("0");
			// and it stays there: the next poll carries the timestamps of that node
			RecordedRequest next = awaitPolls(other, 2).get(1);
			assertThat(sentTimestamps(next)).isEqualTo(answeredTimestamps(moved));
		});
	}

	static Stream<Arguments> badAnswers() {
		UnaryOperator<JsonNode> zeroTimestamp = (answer) -> {
			((ObjectNode) answer.get("data").get("polls.bad")).put("latest_timestamp", 0);
			return answer;
		};
		UnaryOperator<JsonNode> nullApp = (answer) -> {
			((ObjectNode) answer.get("data")).putNull("polls.bad");
			return answer;
		};
		return Stream.of(Arguments.of("app with latest_timestamp 0", Reply.rewrite(zeroTimestamp)),
				Arguments.of("app answered as null", Reply.rewrite(nullApp)),
				Arguments.of("HTTP 500", Reply.status(500)), Arguments.of("closed connection", Reply.hangUp()),
				Arguments.of("answer that is not JSON", Reply.json("<html>busy</html>")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badAnswers")
	void badPollsAnswerIsRejectedAndThePollMovesToTheOtherNode(String name, Reply bad) throws IOException {
		this.server.register("polls.bad", "h1", ADDR);
		RecordingProxy a = proxy();
		RecordingProxy b = proxy();
		// whichever node is polled first answers badly, from then on
		AtomicReference<RecordingProxy> broken = new AtomicReference<>();
		a.on((request) -> isPolls(request) && (broken.compareAndSet(null, a) || broken.get() == a), bad);
		b.on((request) -> isPolls(request) && (broken.compareAndSet(null, b) || broken.get() == b), bad);
		List<String> seen = new CopyOnWriteArrayList<>();
		WireClients.client(a, b)
			.withPropertyValues("discovery.subscriptions=polls.bad")
			.withBean(InstanceCache.class, () -> recordingCache(seen))
			.run((context) -> {
				await().atMost(WAIT).until(() -> broken.get() != null);
				RecordingProxy other = (broken.get() == a) ? b : a;
				List<RecordedRequest> polls = awaitPolls(other, 2);
				assertThat(polls.get(0).values("latest_timestamp")).containsOnly("0");
				assertThat(sentTimestamps(polls.get(1))).isEqualTo(answeredTimestamps(polls.get(0)));
				assertThat(hostnames(context, "polls.bad")).containsExactly("h1");
				assertThat(seen).containsOnly("polls.bad=[h1]");
				assertThat(context.getBean(InstancePoller.class).status().lastError())
					.contains(broken.get().uri().toString());
			});
	}

	@Test
	void zonesWithEmptyOrNullListsAreDroppedWithoutFailingThePoll() throws IOException {
		this.server.register("polls.zones", "h1", ADDR);
		RecordingProxy proxy = proxy().on(PollsWireTests::isPolls, Reply.rewrite((answer) -> {
			JsonNode app = answer.path("data").path("polls.zones");
			if (app.isObject()) {
				ObjectNode instances = (ObjectNode) app.get("instances");
				instances.putArray("sh002");
				instances.putNull("sh003");
			}
			return answer;
		}));
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.zones").run((context) -> {
			List<RecordedRequest> polls = awaitPolls(proxy, 2);
			assertThat(polls.get(0).answerBody()).contains("\"sh003\":null");
			assertThat(sentTimestamps(polls.get(1))).isEqualTo(answeredTimestamps(polls.get(0)));
			assertThat(hostnames(context, "polls.zones")).containsExactly("h1");
			assertThat(context.getBean(InstancePoller.class).status().lastError()).isNull();
		});
	}

	@Test
	void answerWithoutInstancesKeepsThePreviousListButRemembersItsTimestamp() throws IOException {
		this.server.register("polls.waiting", "h1", ADDR);
		RecordingProxy proxy = proxy();
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.waiting").run((context) -> {
			awaitPolls(proxy, 2);
			// an app whose only instance is WAITING is answered as {"sh001":[]}
			this.server.setStatus("polls.waiting", "h1", InstanceStatus.WAITING);
			List<RecordedRequest> polls = awaitPolls(proxy, 3);
			RecordedRequest emptied = polls.get(1);
			assertThat(read(emptied.answerBody()).path("data").path("polls.waiting").path("instances").toString())
				.isEqualTo("{\"sh001\":[]}");
			// remembering the timestamp parks the next poll instead of looping
			assertThat(sentTimestamps(polls.get(2)).get("polls.waiting"))
				.isEqualTo(answeredTimestamps(emptied).get("polls.waiting"));
			assertThat(hostnames(context, "polls.waiting")).containsExactly("h1");
		});
	}

	@Test
	void answerWithoutInstancesEmptiesTheListWhenKeepLastNonEmptyIsOff() throws IOException {
		this.server.register("polls.emptied", "h1", ADDR);
		RecordingProxy proxy = proxy();
		WireClients.client(proxy)
			.withPropertyValues("discovery.subscriptions=polls.emptied", "discovery.poll.keep-last-non-empty=false")
			.run((context) -> {
				awaitPolls(proxy, 2);
				assertThat(hostnames(context, "polls.emptied")).containsExactly("h1");
				this.server.setStatus("polls.emptied", "h1", InstanceStatus.WAITING);
				await().atMost(WAIT).until(() -> hostnames(context, "polls.emptied").isEmpty());
			});
	}

	@Test
	void objectShapedSchedulerOfTheServerIsAccepted() throws IOException {
		this.server.register("polls.sched", "h1", ADDR);
		RecordingProxy proxy = proxy();
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.sched").run((context) -> {
			List<RecordedRequest> polls = awaitPolls(proxy, 2);
			assertThat(read(polls.get(0).answerBody()).path("data").path("polls.sched").path("scheduler").isObject())
				.isTrue();
			assertAccepted(context, polls, "polls.sched");
		});
	}

	@Test
	void arrayShapedSchedulerIsAccepted() throws IOException {
		this.server.register("polls.array", "h1", ADDR);
		RecordingProxy proxy = proxy().on(PollsWireTests::isPolls, Reply.rewrite((answer) -> {
			JsonNode app = answer.path("data").path("polls.array");
			if (app.isObject()) {
				ArrayNode scheduler = ((ObjectNode) app).putArray("scheduler");
				ObjectNode entry = scheduler.addObject();
				entry.put("src", "sh001");
				entry.putObject("dst").put("sh001", 3).put("sh002", 1);
			}
			return answer;
		}));
		WireClients.client(proxy).withPropertyValues("discovery.subscriptions=polls.array").run((context) -> {
			List<RecordedRequest> polls = awaitPolls(proxy, 2);
			assertThat(read(polls.get(0).answerBody()).path("data").path("polls.array").path("scheduler").isArray())
				.isTrue();
			assertAccepted(context, polls, "polls.array");
		});
	}

	private void assertAccepted(AssertableApplicationContext context, List<RecordedRequest> polls, String appid) {
		assertThat(sentTimestamps(polls.get(1))).isEqualTo(answeredTimestamps(polls.get(0)));
		assertThat(hostnames(context, appid)).containsExactly("h1");
		assertThat(context.getBean(InstancePoller.class).status().lastError()).isNull();
	}

	private RecordingProxy proxy() throws IOException {
		RecordingProxy proxy = RecordingProxy.start().forwardTo(this.server.node());
		this.proxies.add(proxy);
		return proxy;
	}

	private static boolean isPolls(RecordedRequest request) {
		return request.path().equals(DiscoveryApi.POLLS);
	}

	private static List<RecordedRequest> awaitPolls(RecordingProxy proxy, int count) {
		return await().atMost(WAIT).until(() -> proxy.requests(DiscoveryApi.POLLS), (polls) -> polls.size() >= count);
	}

	// the node whose second poll (the one that parks) has arrived
	private static RecordingProxy awaitSteadyPoll(AssertableApplicationContext context, RecordingProxy a,
			RecordingProxy b) {
		DiscoveryNodes nodes = context.getBean(DiscoveryNodes.class);
		RecordingProxy current = nodes.current().equals(a.uri()) ? a : b;
		awaitPolls(current, 2);
		return current;
	}

	private static Map<String, Long> sentTimestamps(RecordedRequest poll) {
		List<String> appids = poll.values("appid");
		List<String> timestamps = poll.values("latest_timestamp");
		assertThat(timestamps).hasSameSizeAs(appids);
		Map<String, Long> sent = new LinkedHashMap<>();
		for (int i = 0; i < appids.size(); i++) {
			sent.put(appids.get(i), Long.parseLong(timestamps.get(i)));
		}
		return sent;
	}

	private Map<String, Long> answeredTimestamps(RecordedRequest poll) {
		Map<String, Long> answered = new LinkedHashMap<>();
		read(poll.answerBody()).path("data")
			.properties()
			.forEach((app) -> answered.put(app.getKey(), app.getValue().path("latest_timestamp").asLong()));
		return answered;
	}

	private JsonNode read(String body) {
		assertThat(body).isNotNull();
		return this.mapper.readTree(body);
	}

	private static List<String> hostnames(AssertableApplicationContext context, String appid) {
		return context.getBean(InstanceCache.class)
			.get(appid)
			.map((app) -> app.instances().stream().map(DiscoveredInstance::getInstanceId).toList())
			.orElse(List.of());
	}

	private static InstanceCache recordingCache(List<String> seen) {
		InstanceCache cache = new InstanceCache(true);
		cache.addListener((appid, instances) -> {
			if (!appid.equals(DiscoveryApi.SELF_APPID)) {
				seen.add(appid + "=" + instances.stream().map(DiscoveredInstance::getInstanceId).toList());
			}
		});
		return cache;
	}

}

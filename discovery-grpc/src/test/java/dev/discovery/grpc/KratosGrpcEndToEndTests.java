package dev.discovery.grpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.discovery.client.Discovery;
import dev.discovery.client.DiscoveryConfig;
import dev.discovery.grpc.KratosRegistrar.KratosInstance;
import dev.discovery.grpc.test.EchoGrpc;
import dev.discovery.grpc.test.WhoRequest;
import dev.discovery.server.DiscoveryServerApplication;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real gRPC servers registered as kratos v2 registers them, called round robin from a
 * Java channel on {@code discovery:///<appid>}: new servers are used and cancelled ones
 * dropped within a second, without a failed call; decoys are never called. Prints
 * {@code MEASURED} lines with the times it sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KratosGrpcEndToEndTests {

	private static final Log logger = LogFactory.getLog(KratosGrpcEndToEndTests.class);

	private ConfigurableApplicationContext registry;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private Discovery discovery;

	private DiscoveryNameResolverProvider provider;

	private KratosRegistrar kratos;

	@BeforeAll
	void startRegistry() {
		// the real discovery server, in this JVM on a loopback port
		this.registry = new SpringApplicationBuilder(DiscoveryServerApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--spring.main.web-application-type=reactive",
				"--discovery.server.region=region01", "--discovery.server.zone=zone01", "--discovery.server.env=dev");
		String node = "127.0.0.1:" + ((WebServerApplicationContext) this.registry).getWebServer().getPort();
		this.kratos = new KratosRegistrar(node);
		this.discovery = Discovery
			.create(DiscoveryConfig.of(List.of(node), "java-caller").withLocation("region01", "zone01", "dev"));
		// what the starter does in a Spring Boot application: a provider fed by the
		// application's discovery client, above the one found through META-INF/services
		this.provider = new DiscoveryNameResolverProvider(this.discovery.lookups(), "zone01", 10);
		NameResolverRegistry.getDefaultRegistry().register(this.provider);
	}

	@AfterEach
	void closeServersAndChannels() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.closeables.clear();
	}

	@AfterAll
	void stopRegistry() {
		NameResolverRegistry.getDefaultRegistry().deregister(this.provider);
		this.discovery.close();
		this.registry.close();
	}

	@Test
	void spreadsCallsOverKratosServersAndNeverCallsDecoys() {
		String appid = "demo.echo.spread";
		EchoServer first = server("first");
		EchoServer second = server("second");
		this.kratos.register(KratosInstance.grpc(appid, "first", first.port()));
		this.kratos.register(KratosInstance.grpc(appid, "second", second.port()));
		EchoServer httpOnly = server("http-only");
		this.kratos.register(new KratosInstance(appid, "http-only", "dev", "zone01", 1,
				List.of("http://127.0.0.1:" + httpOnly.port())));
		EchoServer otherEnv = server("other-env");
		this.kratos.register(new KratosInstance(appid, "other-env", "uat", "zone01", 1,
				List.of("grpc://127.0.0.1:" + otherEnv.port() + "?isSecure=false")));
		EchoServer otherApp = server("other-app");
		this.kratos.register(KratosInstance.grpc("demo.other", "other-app", otherApp.port()));
		EchoServer waiting = server("waiting");
		this.kratos.register(new KratosInstance(appid, "waiting", "dev", "zone01", 2,
				List.of("grpc://127.0.0.1:" + waiting.port() + "?isSecure=false")));
		Caller caller = caller(appid);
		await().atMost(Duration.ofSeconds(10)).until(() -> caller.calls("first") >= 20 && caller.calls("second") >= 20);
		assertThat(caller.failures()).isZero();
		assertThat(List.of(httpOnly, otherEnv, otherApp, waiting))
			.allSatisfy((decoy) -> assertThat(decoy.calls()).as(decoy.name()).isZero());
		// round robin: neither server takes more than about half of the calls
		long total = caller.calls("first") + caller.calls("second");
		assertThat(caller.calls("first")).isBetween(total / 2 - 2, total / 2 + 2);
	}

	@Test
	void usesANewServerWithinOneSecond() {
		String appid = "demo.echo.new";
		EchoServer first = server("first");
		this.kratos.register(KratosInstance.grpc(appid, "first", first.port()));
		Caller caller = caller(appid);
		await().atMost(Duration.ofSeconds(10)).until(() -> caller.calls("first") >= 10);
		EchoServer added = server("added");
		long registered = System.nanoTime();
		this.kratos.register(KratosInstance.grpc(appid, "added", added.port()));
		await().atMost(Duration.ofSeconds(1)).until(() -> caller.firstCall("added") != 0);
		long millis = TimeUnit.NANOSECONDS.toMillis(caller.firstCall("added") - registered);
		logger.info("MEASURED grpc new-server register-to-first-call ms=" + millis);
		assertThat(caller.failures()).isZero();
	}

	@Test
	void stopsCallingACancelledServerWithinOneSecondWithoutAFailedCall() {
		String appid = "demo.echo.cancel";
		EchoServer staying = server("staying");
		EchoServer leaving = server("leaving");
		this.kratos.register(KratosInstance.grpc(appid, "staying", staying.port()));
		KratosInstance leavingInstance = KratosInstance.grpc(appid, "leaving", leaving.port());
		this.kratos.register(leavingInstance);
		Caller caller = caller(appid);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> caller.calls("staying") >= 10 && caller.calls("leaving") >= 10);
		long cancelled = System.nanoTime();
		this.kratos.cancel(leavingInstance);
		// the server stays up, as a kratos server does while it drains: only the registry
		// tells the channel to stop using it
		long seen = caller.calls("leaving");
		await().atMost(Duration.ofSeconds(1))
			.until(() -> caller.lastCall("leaving") < System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100)
					&& caller.calls("staying") > seen);
		long stoppedAt = caller.lastCall("leaving");
		long callsAfter = caller.calls("staying");
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.calls("staying") >= callsAfter + 50);
		assertThat(caller.lastCall("leaving")).isEqualTo(stoppedAt);
		long millis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(stoppedAt - cancelled));
		logger.info("MEASURED grpc cancelled-server cancel-to-last-call ms=" + millis);
		assertThat(caller.failures()).isZero();
	}

	private EchoServer server(String name) {
		EchoServer server = new EchoServer(name);
		this.closeables.add(server);
		return server;
	}

	private Caller caller(String appid) {
		Caller caller = new Caller(appid);
		this.closeables.add(0, caller);
		return caller;
	}

	/**
	 * Calls the app every 5 ms and records which server answered when.
	 */
	private static final class Caller implements AutoCloseable {

		private final ManagedChannel channel;

		private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

		private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

		private final Map<String, Long> firstCalls = new ConcurrentHashMap<>();

		private final Map<String, Long> lastCalls = new ConcurrentHashMap<>();

		private final AtomicLong failures = new AtomicLong();

		Caller(String appid) {
			this.channel = Grpc.newChannelBuilder("discovery:///" + appid, InsecureChannelCredentials.create()).build();
			EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(this.channel);
			this.executor.scheduleWithFixedDelay(() -> {
				try {
					String server = stub.withDeadlineAfter(2, TimeUnit.SECONDS)
						.who(WhoRequest.newBuilder().setCaller("java").build())
						.getServer();
					long now = System.nanoTime();
					this.firstCalls.putIfAbsent(server, now);
					this.lastCalls.put(server, now);
					this.calls.computeIfAbsent(server, (key) -> new AtomicLong()).incrementAndGet();
				}
				catch (RuntimeException ex) {
					// before the first resolution the channel has nothing to call
					if (!this.calls.isEmpty()) {
						this.failures.incrementAndGet();
					}
				}
			}, 0, 5, TimeUnit.MILLISECONDS);
		}

		long calls(String server) {
			AtomicLong count = this.calls.get(server);
			return (count != null) ? count.get() : 0;
		}

		long firstCall(String server) {
			return this.firstCalls.getOrDefault(server, 0L);
		}

		long lastCall(String server) {
			return this.lastCalls.getOrDefault(server, 0L);
		}

		long failures() {
			return this.failures.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.executor.shutdownNow();
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

	}

}

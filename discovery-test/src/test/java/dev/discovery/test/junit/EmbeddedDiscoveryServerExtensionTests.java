package dev.discovery.test.junit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.stream.Stream;

import dev.discovery.test.EmbeddedDiscoveryServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs fixture test classes with the JUnit engine and checks what their servers did.
 */
class EmbeddedDiscoveryServerExtensionTests {

	@Test
	void eachTestClassGetsAServerOfItsOwnStoppedAfterItsLastTest() {
		Events events = run(FirstFixture.class, SecondFixture.class);
		assertThat(events.failed().count()).isZero();
		List<Integer> ports = ports(events);
		assertThat(ports).hasSize(2).doesNotHaveDuplicates();
		assertThat(ports).noneMatch(EmbeddedDiscoveryServerExtensionTests::isListening);
	}

	@Test
	void serverIsSharedByTheTestsOfOneClassAndConfiguredByTheAnnotation() {
		Events events = run(TwoTestsFixture.class);
		assertThat(events.succeeded().count()).isEqualTo(2);
		assertThat(ports(events)).hasSize(2).containsOnly(ports(events).get(0));
	}

	@Test
	void perClassInstanceGetsTheServerInItsConstructor() {
		Events events = run(PerClassFixture.class);
		assertThat(events.failed().count()).isZero();
		assertThat(events.succeeded().count()).isEqualTo(1);
	}

	@Test
	void nestedClassGetsAServerOfItsOwnWithTheEnclosingSettings() {
		Events events = run(NestedFixture.class);
		assertThat(events.failed().count()).isZero();
		assertThat(ports(events)).hasSize(2).doesNotHaveDuplicates();
	}

	private static Events run(Class<?>... fixtures) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(Stream.of(fixtures).map((fixture) -> selectClass(fixture)).toArray(DiscoverySelector[]::new))
			.execute()
			.testEvents();
	}

	private static List<Integer> ports(Events events) {
		return events.reportingEntryPublished()
			.stream()
			.map((event) -> event.getPayload(ReportEntry.class).orElseThrow())
			.map((entry) -> Integer.valueOf(entry.getKeyValuePairs().get("port")))
			.toList();
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void registerAlone(EmbeddedDiscoveryServer server, TestReporter reporter) {
		// another class's registration would show up here if the server were shared
		assertThat(server.registry().hostnames("demo.isolated")).isEmpty();
		server.registry().register("demo.isolated", "only-1", "http://127.0.0.1:9");
		reporter.publishEntry("port", Integer.toString(server.port()));
	}

	@EnableEmbeddedDiscoveryServer
	static class FirstFixture {

		@Test
		void registers(EmbeddedDiscoveryServer server, TestReporter reporter) {
			registerAlone(server, reporter);
		}

	}

	@EnableEmbeddedDiscoveryServer
	static class SecondFixture {

		@Test
		void registers(EmbeddedDiscoveryServer server, TestReporter reporter) {
			registerAlone(server, reporter);
		}

	}

	@EnableEmbeddedDiscoveryServer(region = "sh", zone = "sh002", env = "fat")
	static class TwoTestsFixture {

		@BeforeAll
		static void serverRunsBeforeTheFirstTest(EmbeddedDiscoveryServer server) {
			assertThat(server.isRunning()).isTrue();
		}

		@Test
		void first(EmbeddedDiscoveryServer server, TestReporter reporter) {
			assertThat(server.zone()).isEqualTo("sh002");
			assertThat(server.env()).isEqualTo("fat");
			reporter.publishEntry("port", Integer.toString(server.port()));
		}

		@Test
		void second(EmbeddedDiscoveryServer server, TestReporter reporter) {
			assertThat(server.region()).isEqualTo("sh");
			reporter.publishEntry("port", Integer.toString(server.port()));
		}

	}

	@EnableEmbeddedDiscoveryServer
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	static class PerClassFixture {

		private final EmbeddedDiscoveryServer server;

		PerClassFixture(EmbeddedDiscoveryServer server) {
			this.server = server;
		}

		@Test
		void serverRuns() {
			assertThat(this.server.isRunning()).isTrue();
		}

	}

	@EnableEmbeddedDiscoveryServer(zone = "sh003")
	static class NestedFixture {

		@Test
		void outer(EmbeddedDiscoveryServer server, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(server.port()));
		}

		@Nested
		class Inner {

			@Test
			void inner(EmbeddedDiscoveryServer server, TestReporter reporter) {
				assertThat(server.zone()).isEqualTo("sh003");
				reporter.publishEntry("port", Integer.toString(server.port()));
			}

		}

	}

}

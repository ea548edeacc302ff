package dev.discovery.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import dev.discovery.protocol.DiscoveryApi;
import dev.discovery.protocol.Instance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The embedded server on its own, without Spring test support.
 */
class EmbeddedDiscoveryServerTests {

	private final EmbeddedDiscoveryServer server = EmbeddedDiscoveryServer.builder()
		.region("sh")
		.zone("sh001")
		.env("uat")
		.build();

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void serverListensOnAFreeLoopbackPort() {
		this.server.start();
		assertThat(this.server.port()).isPositive();
		assertThat(this.server.address()).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(this.server.url()).hasToString("http://127.0.0.1:" + this.server.port());
		assertThat(isListening(this.server.port())).isTrue();
	}

	@Test
	void serverRegistersItselfInItsZoneAndEnv() {
		this.server.start();
		assertThat(this.server.registry().instances(DiscoveryApi.SELF_APPID)).singleElement().satisfies((instance) -> {
			assertThat(instance.zone()).isEqualTo("sh001");
			assertThat(instance.env()).isEqualTo("uat");
			assertThat(instance.addrs()).containsExactly("http://" + this.server.address());
		});
	}

	@Test
	void clientPropertiesPointTheStarterAtTheServer() {
		this.server.start();
		assertThat(this.server.clientProperties()).containsExactly(Map.entry("discovery.nodes", this.server.address()),
				Map.entry("discovery.region", "sh"), Map.entry("discovery.zone", "sh001"),
				Map.entry("discovery.env", "uat"));
		assertThat(this.server.clientArguments()).contains("--discovery.nodes=" + this.server.address());
	}

	@Test
	void registeredInstanceIsFetched() {
		this.server.start();
		this.server.registry()
			.register("demo.provider", "provider-1", List.of("http://127.0.0.1:8080", "grpc://127.0.0.1:9000"),
					Map.of("weight", "20"));
		List<Instance> instances = this.server.registry().instances("demo.provider");
		assertThat(instances).singleElement().satisfies((instance) -> {
			assertThat(instance.hostname()).isEqualTo("provider-1");
			assertThat(instance.addrs()).containsExactly("http://127.0.0.1:8080", "grpc://127.0.0.1:9000");
			assertThat(instance.metadata()).containsEntry("weight", "20");
			assertThat(instance.isUp()).isTrue();
		});
	}

	@Test
	void cancelledInstanceIsNoLongerFetched() {
		this.server.start();
		this.server.registry().register("demo.provider", "provider-1", "http://127.0.0.1:8080");
		assertThat(this.server.registry().cancel("demo.provider", "provider-1")).isTrue();
		assertThat(this.server.registry().instances("demo.provider")).isEmpty();
	}

	@Test
	void renewOfUnknownInstanceAnswersFalse() {
		this.server.start();
		assertThat(this.server.registry().renew("demo.provider", "nobody")).isFalse();
	}

	@Test
	void restartKeepsThePortAndEmptiesTheRegistry() {
		this.server.start();
		int port = this.server.port();
		this.server.registry().register("demo.provider", "provider-1", "http://127.0.0.1:8080");
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(this.server.registry().hostnames("demo.provider")).isEmpty();
		assertThat(this.server.registry().hostnames(DiscoveryApi.SELF_APPID)).hasSize(1);
	}

	@Test
	void stoppedServerNoLongerListens() {
		this.server.start();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
		assertThat(isListening(this.server.port())).isFalse();
	}

	@Test
	void stoppingTheServerLeavesReactorNettysGlobalResourcesRunning() {
		HttpResources global = HttpResources.get();
		this.server.start();
		this.server.stop();
		assertThat(global.isDisposed()).isFalse();
		assertThat(HttpResources.get()).isSameAs(global);
	}

	@Test
	void twoServersInOneJvmKeepSeparateRegistries() {
		try (EmbeddedDiscoveryServer other = EmbeddedDiscoveryServer.builder().zone("sh001").env("uat").build()) {
			this.server.start();
			other.start();
			this.server.registry().register("demo.provider", "provider-1", "http://127.0.0.1:8080");
			assertThat(other.port()).isNotEqualTo(this.server.port());
			assertThat(other.registry().hostnames("demo.provider")).isEmpty();
		}
	}

	@Test
	void portIsUnknownBeforeTheFirstStart() {
		assertThatIllegalStateException().isThrownBy(this.server::port).withMessageContaining("not been started");
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

}

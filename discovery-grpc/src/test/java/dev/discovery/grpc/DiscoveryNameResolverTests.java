package dev.discovery.grpc;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.discovery.client.discovery.DiscoveryInstances;
import dev.discovery.client.discovery.InstancePoller;
import dev.discovery.client.testing.FakeTime;
import dev.discovery.client.testing.ScriptedApi;
import dev.discovery.client.testing.ScriptedDiscovery;
import dev.discovery.protocol.Instance;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resolver fed by the discovery cache, with the long poll driven on a fake clock.
 */
class DiscoveryNameResolverTests {

	private static final String APP = "demo.echo";

	private final ScriptedDiscovery discovery = new ScriptedDiscovery();

	private final FakeTime time = this.discovery.time;

	private final ScriptedApi api = this.discovery.api;

	private final InstancePoller poller = this.discovery.poller;

	private final DiscoveryInstances instances = this.discovery.instances;

	private final RecordingListener listener = new RecordingListener();

	private NameResolver resolver;

	@AfterEach
	void shutdown() {
		if (this.resolver != null) {
			this.resolver.shutdown();
		}
		this.poller.stop();
	}

	@Test
	void resolvesTheGrpcAddressesOfUpInstancesOnly() {
		this.api.pollChanges(Map.of(APP,
				List.of(instance("h1", "sh001", 1, "http://10.0.0.1:8000", "grpc://10.0.0.1:9000?isSecure=false"),
						instance("h2", "sh001", 1, "http://10.0.0.2:8000"),
						instance("h3", "sh001", 2, "grpc://10.0.0.3:9000"))),
				5);
		start();
		assertThat(this.listener.lastAddresses()).containsExactly("10.0.0.1:9000");
	}

	@Test
	void prefersInstancesOfTheOwnZone() {
		this.api.pollChanges(Map.of(APP, List.of(instance("h1", "sh001", 1, "grpc://10.0.0.1:9000"),
				instance("h2", "sh002", 1, "grpc://10.0.0.2:9000"))), 5);
		start();
		assertThat(this.listener.lastAddresses()).containsExactly("10.0.0.1:9000");
	}

	@Test
	void usesOtherZonesWhenTheOwnZoneHasNoInstance() {
		this.api.pollChanges(Map.of(APP, List.of(instance("h2", "sh002", 1, "grpc://10.0.0.2:9000"),
				instance("h3", "sh003", 1, "grpc://10.0.0.3:9000"))), 5);
		start();
		assertThat(this.listener.lastAddresses()).containsExactlyInAnyOrder("10.0.0.2:9000", "10.0.0.3:9000");
	}

	@Test
	void carriesTheWeightMetadataOnEachAddress() {
		Instance weighted = new Instance("sh", "sh001", "dev", APP, "h1", List.of("grpc://10.0.0.1:9000"), "",
				Map.of("weight", "30"), 1, 1, 1, 1, 1, 1);
		this.api.pollChanges(Map.of(APP, List.of(weighted, instance("h2", "sh001", 1, "grpc://10.0.0.2:9000"))), 5);
		start();
		assertThat(this.listener.last().getAddressesOrError().getValue())
			.extracting((group) -> group.getAttributes().get(DiscoveryNameResolver.WEIGHT))
			.containsExactly(30, DiscoveryNameResolver.DEFAULT_WEIGHT);
	}

	@Test
	void selectsTheWeightedRoundRobinPolicy() {
		start();
		assertThat(this.listener.last().getServiceConfig().getConfig()).isEqualTo(Map.of("loadBalancingConfig",
				List.of(Map.of(WeightedRoundRobinLoadBalancerProvider.POLICY, Map.of()))));
	}

	@Test
	void reportsUnavailableWhileTheAppHasNoGrpcInstance() {
		start();
		assertThat(this.listener.last().getAddressesOrError().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
	}

	@Test
	void pushesARegistrationFromTheNextPollAnswer() {
		start();
		this.api.pollChanges(Map.of(APP, List.of(instance("h1", "sh001", 1, "grpc://10.0.0.1:9000"),
				instance("h2", "sh001", 1, "grpc://10.0.0.2:9000"))), 9);
		this.time.runNext();
		assertThat(this.listener.lastAddresses()).containsExactly("10.0.0.1:9000", "10.0.0.2:9000");
	}

	@Test
	void keepsTheLastAddressesWhileTheRegistryIsUnreachable() {
		this.api.pollChanges(Map.of(APP, List.of(instance("h1", "sh001", 1, "grpc://10.0.0.1:9000"))), 5);
		start();
		int results = this.listener.results.size();
		this.api.pollFails();
		this.api.pollFails();
		this.time.runNext();
		this.time.runNext();
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.listener.results).hasSize(results);
		assertThat(this.listener.lastAddresses()).containsExactly("10.0.0.1:9000");
	}

	@Test
	void tellsNothingAfterShutdown() {
		start();
		this.resolver.shutdown();
		int results = this.listener.results.size();
		this.api.pollChanges(Map.of(APP, List.of(instance("h1", "sh001", 1, "grpc://10.0.0.1:9000"))), 9);
		this.time.runNext();
		assertThat(this.listener.results).hasSize(results);
	}

	// starts the poller and the resolver; the first lookup restarts the poll with the
	// app,
	// whose answer is then applied
	private void start() {
		this.poller.start();
		this.resolver = new DiscoveryNameResolverProvider(this.instances, "sh001", 10)
			.newNameResolver(URI.create("discovery:///" + APP), args());
		this.resolver.start(this.listener);
		this.time.runNext();
	}

	private static NameResolver.Args args() {
		return NameResolver.Args.newBuilder()
			.setDefaultPort(443)
			.setProxyDetector((address) -> null)
			.setSynchronizationContext(new SynchronizationContext((thread, ex) -> {
				throw new AssertionError(ex);
			}))
			.setServiceConfigParser(new NameResolver.ServiceConfigParser() {

				@Override
				public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> rawServiceConfig) {
					return NameResolver.ConfigOrError.fromConfig(rawServiceConfig);
				}

			})
			.setOffloadExecutor(Runnable::run)
			.build();
	}

	private static Instance instance(String hostname, String zone, int status, String... addrs) {
		return new Instance("sh", zone, "dev", APP, hostname, List.of(addrs), "", Map.of(), status, 1, 1, 1, 1, 1);
	}

	private static final class RecordingListener extends NameResolver.Listener2 {

		private final List<NameResolver.ResolutionResult> results = new CopyOnWriteArrayList<>();

		@Override
		public void onResult(NameResolver.ResolutionResult result) {
			this.results.add(result);
		}

		@Override
		public Status onResult2(NameResolver.ResolutionResult result) {
			this.results.add(result);
			return Status.OK;
		}

		@Override
		public void onError(Status error) {
			throw new AssertionError("unexpected " + error);
		}

		NameResolver.ResolutionResult last() {
			assertThat(this.results).isNotEmpty();
			return this.results.get(this.results.size() - 1);
		}

		List<String> lastAddresses() {
			return last().getAddressesOrError()
				.getValue()
				.stream()
				.map(EquivalentAddressGroup::getAddresses)
				.flatMap(List::stream)
				.map((address) -> {
					InetSocketAddress inet = (InetSocketAddress) address;
					return inet.getHostString() + ":" + inet.getPort();
				})
				.toList();
		}

	}

}

package dev.discovery.client.registration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.discovery.client.testing.FakeTime;
import dev.discovery.client.testing.ScriptedApi;
import dev.discovery.protocol.DiscoveryJson;
import dev.discovery.client.transport.DiscoveryNodes;
import dev.discovery.client.transport.DiscoveryTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renew loop's timing, on a fake clock and a timer the test drives.
 */
class HeartbeatTimingTests {

	private final FakeTime time = new FakeTime();

	private final ScriptedApi api = new ScriptedApi();

	private final Registrar registrar = new Registrar(
			new DiscoveryTransport(this.api.api(),
					new DiscoveryNodes(List.of("127.0.0.1:1"), "sh001", Duration.ofDays(1), this.time, new Random(1)),
					DiscoveryJson.mapper()),
			this.time, this.time, new HeartbeatSettings(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5)),
			false);

	private final InstanceRegistration registration = new InstanceRegistration(new LocalInstance("demo.app", "sh",
			"sh001", "dev", "h1", "h1", "127.0.0.1", 8080, false, "", Map.of(), List.of()));

	@Test
	void renewsOncePerRenewInterval() {
		this.registrar.register(this.registration);
		this.time.advance(Duration.ofSeconds(29));
		assertThat(this.api.count("renew")).isZero();
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.api.count("renew")).isOne();
		this.time.advance(Duration.ofSeconds(60));
		assertThat(this.api.count("renew")).isEqualTo(3);
	}

	@Test
	void registersAgainAtOnceWhenARenewAnswersNothingFound() {
		this.registrar.register(this.registration);
		this.api.renewAnswers(-404);
		this.time.advance(Duration.ofSeconds(30));
		assertThat(this.api.calls()).containsExactly("register demo.app/h1 status=1", "renew demo.app/h1",
				"register demo.app/h1 status=1");
		assertThat(this.registrar.reregistrations()).isOne();
	}

	@Test
	void retriesAFailedRegistrationAfterTheRetryInterval() {
		this.api.registerAnswers(-1);
		this.registrar.register(this.registration);
		assertThat(this.time.nextDelay()).isEqualTo(Duration.ofSeconds(5));
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.api.count("register")).isEqualTo(2);
		assertThat(this.registrar.states()).singleElement()
			.satisfies((state) -> assertThat(state.registered()).isTrue());
	}

	@Test
	void sendsNothingAfterTheCancel() {
		this.registrar.register(this.registration);
		this.registrar.deregister(this.registration);
		this.time.advance(Duration.ofMinutes(5));
		assertThat(this.api.calls()).containsExactly("register demo.app/h1 status=1", "cancel demo.app/h1");
		assertThat(this.time.pending()).isZero();
	}

	@Test
	void sendsAStatusChangeAtOnceAndKeepsRenewing() {
		this.registrar.register(this.registration);
		this.registrar.setStatus(this.registration, Registrar.OUT_OF_SERVICE);
		assertThat(this.api.calls()).contains("set demo.app/h1 status=2");
		this.time.advance(Duration.ofSeconds(30));
		assertThat(this.api.calls()).endsWith("renew demo.app/h1");
	}

}

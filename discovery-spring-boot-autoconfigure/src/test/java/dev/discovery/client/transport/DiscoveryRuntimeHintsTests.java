package dev.discovery.client.transport;

import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.PollsResponse;
import dev.discovery.protocol.Response;
import org.junit.jupiter.api.Test;

import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.Advised;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.DecoratingProxy;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveryRuntimeHints}.
 */
class DiscoveryRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void protocolRecordsCanBeBoundByJackson() throws Exception {
		new DiscoveryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { Response.class, PollsResponse.class, InstanceInfo.class,
				Instance.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Instance.class, "addrs")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(PollsResponse.class, "data"))
			.accepts(this.hints);
	}

	@Test
	void httpInterfaceCanBeProxiedAndIntrospected() throws Exception {
		new DiscoveryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies()
			.forInterfaces(DiscoveryHttpApi.class, SpringProxy.class, Advised.class, DecoratingProxy.class))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DiscoveryHttpApi.class, "polls"))
			.accepts(this.hints);
	}

	@Test
	void registrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(DiscoveryRuntimeHints.class);
	}

}

package dev.discovery.client.transport;

import dev.discovery.protocol.http.DiscoveryHttpApiFactory;
import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.Node;
import dev.discovery.protocol.PollsResponse;
import dev.discovery.protocol.Response;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints of the transport: Jackson binds the protocol records by reflection,
 * and {@link DiscoveryHttpApiFactory} turns {@link DiscoveryHttpApi} into a JDK proxy
 * whose methods are read by reflection.
 */
public class DiscoveryRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), Response.class, PollsResponse.class,
				InstanceInfo.class, Instance.class, Node.class);
		hints.reflection().registerType(DiscoveryHttpApi.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.proxies().registerJdkProxy(AopProxyUtils.completeJdkProxyInterfaces(DiscoveryHttpApi.class));
	}

}

package dev.discovery.client.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.discovery.client.discovery.ServiceInstances;
import dev.discovery.client.discovery.InstanceCacheListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * A {@link ServiceInstanceListSupplier} fed by the discovery cache: every subscriber gets
 * the current UP instances at once and every later change, so no TTL cache is needed on
 * top of it.
 */
public class CacheServiceInstanceListSupplier implements ServiceInstanceListSupplier, DisposableBean {

	private static final Sinks.EmitFailureHandler RETRY_CONCURRENT_EMITS = Sinks.EmitFailureHandler
		.busyLooping(Duration.ofMillis(100));

	private final String serviceId;

	private final ServiceInstances instances;

	private final Sinks.Many<List<ServiceInstance>> sink = Sinks.many().replay().latest();

	private final InstanceCacheListener listener;

	private final AtomicBoolean emitted = new AtomicBoolean();

	private volatile boolean loaded;

	/**
	 * Create a supplier for one service.
	 * @param serviceId the service (bilibili appid)
	 * @param instances the discovery lookups
	 */
	public CacheServiceInstanceListSupplier(String serviceId, ServiceInstances instances) {
		this.serviceId = serviceId;
		this.instances = instances;
		this.listener = (appid, changed) -> {
			if (appid.equals(this.serviceId)) {
				this.emitted.set(true);
				this.sink.emitNext(instances.convert(appid, changed), RETRY_CONCURRENT_EMITS);
			}
		};
		instances.core().addListener(this.listener);
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		if (this.loaded) {
			return this.sink.asFlux();
		}
		// the first lookup may fetch over HTTP: keep it off the event loop
		return Mono.fromRunnable(this::load).subscribeOn(Schedulers.boundedElastic()).thenMany(this.sink.asFlux());
	}

	private void load() {
		if (!this.loaded) {
			List<ServiceInstance> current = this.instances.instances(this.serviceId);
			// a change seen by the listener meanwhile is newer than this lookup
			if (this.emitted.compareAndSet(false, true)) {
				this.sink.emitNext(current, RETRY_CONCURRENT_EMITS);
			}
			this.loaded = true;
		}
	}

	@Override
	public void destroy() {
		this.instances.core().removeListener(this.listener);
		this.sink.emitComplete(RETRY_CONCURRENT_EMITS);
	}

}

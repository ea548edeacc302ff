package dev.discovery.server.api;

import dev.discovery.server.registry.AppKey;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the zone scheduling config attached to an app's answers (docs/wire-protocol.md
 * §7).
 */
@FunctionalInterface
public interface SchedulerSource {

	/**
	 * The scheduler object of an app.
	 * @param key the app
	 * @return a JSON-serializable value ({@code {"clients":{...},"remark":""}}) or
	 * {@code null} when none is configured
	 */
	@Nullable Object scheduler(AppKey key);

}

package dev.discovery.client.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.discovery.protocol.http.DiscoveryHttpApi;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceInfo;
import dev.discovery.protocol.PollsResponse;
import dev.discovery.protocol.Response;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.util.UriBuilderFactory;

/**
 * A discovery node for unit tests: records the operations it is asked for and answers
 * renews and polls from scripts (OK and -304 when the script is empty).
 */
public final class ScriptedApi {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final Deque<Integer> renewCodes = new ArrayDeque<>();

	private final Deque<Integer> registerCodes = new ArrayDeque<>();

	private final Deque<Supplier<PollsResponse>> polls = new ArrayDeque<>();

	/**
	 * The declarative client answering from this script; operations the script does not
	 * know throw.
	 * @return the client
	 */
	public DiscoveryHttpApi api() {
		return (DiscoveryHttpApi) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DiscoveryHttpApi.class }, (proxy, method, args) -> {
					for (Method handler : ScriptedApi.class.getDeclaredMethods()) {
						if (handler.getName().equals(method.getName())
								&& Arrays.equals(handler.getParameterTypes(), method.getParameterTypes())) {
							try {
								return handler.invoke(this, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						}
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

	/**
	 * The operations asked for so far, such as {@code register demo.app/h1 status=1}.
	 * @return the calls in order
	 */
	public List<String> calls() {
		return this.calls;
	}

	/**
	 * Calls of one kind.
	 * @param operation such as {@code renew}
	 * @return how many
	 */
	public long count(String operation) {
		return this.calls.stream().filter((call) -> call.startsWith(operation + " ")).count();
	}

	/**
	 * Answer the next renews with these codes; -1 for a connection failure.
	 * @param codes the codes
	 */
	public void renewAnswers(Integer... codes) {
		this.renewCodes.addAll(List.of(codes));
	}

	/**
	 * Answer the next registers with these codes; -1 for a connection failure.
	 * @param codes the codes
	 */
	public void registerAnswers(Integer... codes) {
		this.registerCodes.addAll(List.of(codes));
	}

	/**
	 * Answer the next poll with changed apps.
	 * @param apps appid to its instances
	 * @param timestamp the latest timestamp of every app
	 */
	public void pollChanges(Map<String, List<Instance>> apps, long timestamp) {
		Map<String, InstanceInfo> data = new java.util.LinkedHashMap<>();
		apps.forEach(
				(appid, instances) -> data.put(appid, new InstanceInfo(Map.of("sh001", instances), null, timestamp)));
		this.polls.add(() -> new PollsResponse(ErrorCode.OK.code(), "0", data, null));
	}

	/**
	 * Fail the next poll with a connection error.
	 */
	public void pollFails() {
		this.polls.add(() -> {
			throw new ResourceAccessException("connection refused");
		});
	}

	private static <T> Response<T> answer(@Nullable Integer code) {
		if (code != null && code == -1) {
			throw new ResourceAccessException("connection refused");
		}
		return new Response<>((code != null) ? code : 0, "", 0, null);
	}

	public Response<Void> register(UriBuilderFactory node, String region, String zone, String env, String appid,
			String hostname, List<String> addrs, String version, String metadata, int status) {
		this.calls.add("register " + appid + "/" + hostname + " status=" + status);
		return answer(this.registerCodes.poll());
	}

	public Response<Instance> renew(UriBuilderFactory node, String region, String zone, String env, String appid,
			String hostname) {
		this.calls.add("renew " + appid + "/" + hostname);
		return answer(this.renewCodes.poll());
	}

	public Response<Void> cancel(UriBuilderFactory node, String region, String zone, String env, String appid,
			String hostname) {
		this.calls.add("cancel " + appid + "/" + hostname);
		return answer(0);
	}

	public Response<Void> set(UriBuilderFactory node, String region, String zone, String env, String appid,
			String hostname, int status) {
		this.calls.add("set " + appid + "/" + hostname + " status=" + status);
		return answer(0);
	}

	public Response<Map<String, InstanceInfo>> fetchs(UriBuilderFactory node, List<String> appids, String env,
			int status) {
		this.calls.add("fetch " + appids);
		return new Response<>(0, "", 0, Map.of());
	}

	public PollsResponse polls(UriBuilderFactory node, List<String> appids, List<Long> latestTimestamps, String env,
			String hostname) {
		this.calls.add("polls " + appids + " " + latestTimestamps);
		Supplier<PollsResponse> next = this.polls.poll();
		return (next != null) ? next.get() : new PollsResponse(ErrorCode.NOT_MODIFIED.code(), "-304", null, null);
	}

	public Response<Map<String, @Nullable List<Instance>>> fetchAll(UriBuilderFactory node) {
		this.calls.add("fetch_all");
		return new Response<>(0, "", 0, Map.of());
	}

}

package dev.discovery.server.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.discovery.protocol.EnvelopeWriter;
import dev.discovery.protocol.ErrorCode;
import dev.discovery.protocol.Instance;
import dev.discovery.protocol.InstanceStatus;
import dev.discovery.server.registry.AppSnapshot;
import dev.discovery.server.registry.Lease;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serialized InstanceInfo payloads (docs/wire-protocol.md §2.6) and the answers that
 * carry them, memoized on the app snapshot per zone filter and status mask: built once
 * per change of an app, whatever the request rate.
 * <p>
 * Building one is a copy of bytes, not a serialization: each instance is serialized once
 * per change of the instance (kept on its lease, without its renew time), and an answer
 * splices these fragments together with the live renew times. A renew therefore costs
 * nothing here until the next read, and that read copies bytes. Compressed answers are
 * built from the plain ones, once per change of the app, and again after renews at most
 * once per refresh interval.
 */
final class InstanceViews {

	private static final byte[] RENEW_KEY = bytes("\"renew_timestamp\":");

	private final JsonMapper mapper;

	private final SchedulerSource schedulers;

	private final LongSupplier ticker;

	private final long refreshNanos;

	/**
	 * Creates the views.
	 * @param mapper serializes instances and schedulers
	 * @param schedulers zone scheduling configs
	 * @param ticker monotonic nanoseconds, for the refresh of compressed answers
	 * @param compressedRefresh how long a compressed answer may show renew times older
	 * than the last heartbeat
	 */
	InstanceViews(JsonMapper mapper, SchedulerSource schedulers, LongSupplier ticker, Duration compressedRefresh) {
		this.mapper = mapper;
		this.schedulers = schedulers;
		this.ticker = ticker;
		this.refreshNanos = compressedRefresh.toNanos();
	}

	/**
	 * The serialized InstanceInfo of an app.
	 * @param snapshot the app
	 * @param zone zone filter, {@code null} for all zones; the bucket must exist
	 * @param mask status bit mask
	 * @return JSON bytes
	 */
	byte[] info(AppSnapshot snapshot, @Nullable String zone, long mask) {
		int effectiveMask = effective(mask);
		return snapshot.view(new ViewKey(Shape.INFO, zone, effectiveMask, false),
				(s) -> render(s, zone, effectiveMask));
	}

	/**
	 * The whole answer of a fetch or poll: the standard envelope around the InstanceInfo.
	 * @param snapshot the app
	 * @param zone zone filter, {@code null} for all zones; the bucket must exist
	 * @param mask status bit mask
	 * @param gzip whether to answer the compressed form
	 * @return the body
	 */
	Body standard(AppSnapshot snapshot, @Nullable String zone, long mask, boolean gzip) {
		int effectiveMask = effective(mask);
		return body(snapshot, new ViewKey(Shape.STANDARD, zone, effectiveMask, gzip),
				(s) -> EnvelopeWriter.standard(ErrorCode.OK, info(s, zone, effectiveMask)));
	}

	/**
	 * The whole answer of a polls woken by this app alone, with no missing appid: the map
	 * envelope of docs/wire-protocol.md §3.8.
	 * @param snapshot the app that changed
	 * @param zone zone filter, {@code null} for all zones; the bucket must exist
	 * @param gzip whether to answer the compressed form
	 * @return the body
	 */
	Body polls(AppSnapshot snapshot, @Nullable String zone, boolean gzip) {
		return body(snapshot, new ViewKey(Shape.POLLS, zone, (int) InstanceStatus.UP, gzip),
				(s) -> EnvelopeWriter.polls(Map.of(s.key().appid(), info(s, zone, InstanceStatus.UP)), List.of()));
	}

	private Body body(AppSnapshot snapshot, ViewKey key, java.util.function.Function<AppSnapshot, byte[]> plain) {
		if (!key.gzip()) {
			return new Body(snapshot.view(key, plain), false);
		}
		ViewKey plainKey = new ViewKey(key.shape(), key.zone(), key.mask(), false);
		byte[] compressed = snapshot.view(key, (s) -> Gzip.compress(s.view(plainKey, plain)), this.refreshNanos,
				this.ticker.getAsLong());
		return new Body(compressed, true);
	}

	/**
	 * An instance as answered by renew: metadata is always an object.
	 */
	static Instance forOutput(Instance i) {
		return (i.metadata() != null) ? i : i.withMetadata(Map.of());
	}

	private static int effective(long mask) {
		// Only bits 1 and 2 select anything; folding the mask keeps the memo small.
		return (int) (mask & InstanceStatus.ALL);
	}

	private byte[] render(AppSnapshot snapshot, @Nullable String zone, int mask) {
		List<String> zones = new ArrayList<>(snapshot.zones().keySet());
		zones.sort(null);
		int estimate = 64;
		List<List<Lease>> buckets = new ArrayList<>(zones.size());
		for (String name : zones) {
			if (zone != null && !zone.equals(name)) {
				buckets.add(List.of());
				continue;
			}
			List<Lease> matching = new ArrayList<>();
			for (Lease lease : snapshot.zones().get(name).values()) {
				if (InstanceStatus.matches(mask, lease.instance().status())) {
					matching.add(lease);
					estimate += fragment(lease).bytes().length + 21;
				}
			}
			buckets.add(matching);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
		out.writeBytes(bytes("{\"instances\":{"));
		boolean firstZone = true;
		for (int z = 0; z < zones.size(); z++) {
			if (zone != null && !zone.equals(zones.get(z))) {
				continue;
			}
			if (!firstZone) {
				out.write(',');
			}
			firstZone = false;
			out.writeBytes(this.mapper.writeValueAsBytes(zones.get(z)));
			out.writeBytes(bytes(":["));
			List<Lease> leases = buckets.get(z);
			for (int n = 0; n < leases.size(); n++) {
				if (n > 0) {
					out.write(',');
				}
				Lease lease = leases.get(n);
				Fragment fragment = fragment(lease);
				out.write(fragment.bytes(), 0, fragment.renewAt());
				writeLong(out, lease.renewTimestamp());
				out.write(fragment.bytes(), fragment.renewAt(), fragment.bytes().length - fragment.renewAt());
			}
			out.write(']');
		}
		out.write('}');
		Object scheduler = this.schedulers.scheduler(snapshot.key());
		if (scheduler != null) {
			out.writeBytes(bytes(",\"scheduler\":"));
			out.writeBytes(this.mapper.writeValueAsBytes(scheduler));
		}
		out.writeBytes(bytes(",\"latest_timestamp\":"));
		writeLong(out, snapshot.latestTimestamp());
		out.write('}');
		return out.toByteArray();
	}

	private Fragment fragment(Lease lease) {
		return lease.rendered(this::serialize);
	}

	/**
	 * The instance's JSON with the digits of its renew timestamp cut out.
	 */
	private Fragment serialize(Lease lease) {
		byte[] json = this.mapper.writeValueAsBytes(forOutput(lease.instance().withRenewTimestamp(0)));
		// The last occurrence is the field itself: a metadata key of that name comes
		// earlier, and the fields after it are numbers.
		int at = lastIndexOf(json, RENEW_KEY) + RENEW_KEY.length;
		byte[] cut = new byte[json.length - 1];
		System.arraycopy(json, 0, cut, 0, at);
		System.arraycopy(json, at + 1, cut, at, json.length - at - 1);
		return new Fragment(cut, at);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int lastIndexOf(byte[] haystack, byte[] needle) {
		outer: for (int n = haystack.length - needle.length; n >= 0; n--) {
			for (int k = 0; k < needle.length; k++) {
				if (haystack[n + k] != needle[k]) {
					continue outer;
				}
			}
			return n;
		}
		throw new IllegalStateException("No renew_timestamp in a serialized instance");
	}

	static void writeLong(ByteArrayOutputStream out, long value) {
		if (value < 0) {
			out.writeBytes(bytes(Long.toString(value)));
			return;
		}
		byte[] digits = new byte[19];
		int at = digits.length;
		long rest = value;
		do {
			digits[--at] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		while (rest != 0);
		out.write(digits, at, digits.length - at);
	}

	/**
	 * A serialized answer.
	 *
	 * @param bytes the body
	 * @param gzip whether it is gzip-compressed
	 */
	record Body(byte[] bytes, boolean gzip) {

	}

	/**
	 * One instance's JSON without the digits of its renew timestamp, which go at
	 * {@code renewAt}.
	 */
	private record Fragment(byte[] bytes, int renewAt) {

	}

	private enum Shape {

		INFO, STANDARD, POLLS

	}

	private record ViewKey(Shape shape, @Nullable String zone, int mask, boolean gzip) {

	}

}

package dev.discovery.server.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Request parameters bound the way the reference's framework binds them
 * (docs/wire-protocol.md §1.2): form body values first, then query values; the first
 * value of a scalar wins; list parameters keep every non-empty occurrence; lenient
 * booleans; empty integers are 0.
 */
final class Params {

	private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

	private final MultiValueMap<String, String> values;

	private final RequestLimits limits;

	private Params(MultiValueMap<String, String> values, RequestLimits limits) {
		this.values = values;
		this.limits = limits;
	}

	static Params of(MultiValueMap<String, String> body, MultiValueMap<String, String> query, RequestLimits limits) {
		MultiValueMap<String, String> merged = new LinkedMultiValueMap<>();
		body.forEach(merged::addAll);
		query.forEach(merged::addAll);
		return new Params(merged, limits);
	}

	RequestLimits limits() {
		return this.limits;
	}

	/**
	 * A scalar string: the first value, or "" when absent.
	 */
	String string(String name) {
		String value = this.values.getFirst(name);
		if (value == null) {
			return "";
		}
		checkLength(name, value, this.limits.maxStringLength());
		return value;
	}

	/**
	 * A required scalar string.
	 */
	String required(String name) {
		String value = string(name);
		if (value.isEmpty()) {
			throw new InvalidRequestException("'" + name + "' is required");
		}
		return value;
	}

	/**
	 * A list parameter: every non-empty occurrence, in order.
	 */
	List<String> list(String name) {
		List<String> raw = this.values.getOrDefault(name, List.of());
		List<String> result = new ArrayList<>(raw.size());
		for (String value : raw) {
			if (!value.isEmpty()) {
				result.add(value);
			}
		}
		return result;
	}

	/**
	 * A list parameter whose values may also be comma-joined ({@code a,b}); trimmed,
	 * empties dropped.
	 */
	List<String> splitList(String name) {
		List<String> result = new ArrayList<>();
		for (String value : list(name)) {
			for (String part : value.split(",", -1)) {
				String trimmed = part.trim();
				if (!trimmed.isEmpty()) {
					result.add(trimmed);
				}
			}
		}
		return result;
	}

	/**
	 * Distinct appids of a read request (comma-joined values accepted), at least one.
	 */
	List<String> appids() {
		Set<String> appids = new LinkedHashSet<>(splitList("appid"));
		if (appids.isEmpty()) {
			throw new InvalidRequestException("'appid' is required");
		}
		if (appids.size() > this.limits.maxAppids()) {
			throw new InvalidRequestException("at most " + this.limits.maxAppids() + " appids per request");
		}
		for (String appid : appids) {
			checkLength("appid", appid, this.limits.maxStringLength());
		}
		return List.copyOf(appids);
	}

	/**
	 * A signed 64-bit integer; empty or absent is 0.
	 */
	long int64(String name) {
		return parseInt64(name, this.values.getFirst(name));
	}

	/**
	 * Every value of a 64-bit integer list (comma-joined values accepted).
	 */
	List<Long> int64List(String name) {
		List<Long> result = new ArrayList<>();
		for (String value : splitList(name)) {
			result.add(parseInt64(name, value));
		}
		return result;
	}

	/**
	 * An unsigned 32-bit integer without sign; empty or absent is 0.
	 */
	long uint32(String name) {
		String value = this.values.getFirst(name);
		if (value == null || value.isEmpty()) {
			return 0;
		}
		if (value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
			throw new InvalidRequestException("'" + name + "' must be an unsigned integer: " + abbreviate(value));
		}
		long parsed = Long.parseLong(value);
		if (parsed > 0xFFFF_FFFFL) {
			throw new InvalidRequestException("'" + name + "' is out of range: " + value);
		}
		return parsed;
	}

	/**
	 * A boolean the way Go's strconv.ParseBool reads it; anything unrecognised is false.
	 */
	boolean bool(String name) {
		String value = this.values.getFirst(name);
		return value != null && TRUE.contains(value);
	}

	/**
	 * Parameter names present, for diagnostics.
	 */
	Map<String, List<String>> asMap() {
		return this.values;
	}

	void checkLength(String name, String value, int max) {
		if (value.length() > max) {
			throw new InvalidRequestException("'" + name + "' is longer than " + max + " characters");
		}
	}

	static long parseInt64(String name, String value) {
		if (value == null || value.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("'" + name + "' must be an integer: " + abbreviate(value), ex);
		}
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
	}

}

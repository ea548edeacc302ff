package dev.discovery.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes the envelopes of docs/wire-protocol.md §1.3 as bytes, splicing in payloads that
 * are already serialized, so that a server builds an answer's payload once per change and
 * only wraps it per request. {@link Response} and {@link PollsResponse} read what this
 * writes.
 * <p>
 * Returned arrays may be shared between calls: never modify them.
 */
public final class EnvelopeWriter {

	/** The JSON literal {@code null}, as a typed nothing in {@code data}. */
	public static final byte[] NULL = bytes("null");

	private static final byte[] POLLS_PREFIX = bytes("{\"code\":0,\"message\":\"0\",\"data\":{");

	private static final byte[] POLLS_MISSING = bytes("},\"error\":{\"-404\":");

	private static final Map<ErrorCode, byte[]> STANDARD = new EnumMap<>(ErrorCode.class);

	static {
		for (ErrorCode code : ErrorCode.values()) {
			STANDARD.put(code, standard(code, code.message(), null));
		}
	}

	private EnvelopeWriter() {
	}

	/**
	 * {@code {"code":0,"message":"0","ttl":1}}, without {@code data}.
	 * @return the envelope
	 */
	public static byte[] ok() {
		return standard(ErrorCode.OK);
	}

	/**
	 * A standard envelope with a code and its default message, without {@code data}.
	 * @param code the code
	 * @return the envelope
	 */
	public static byte[] standard(ErrorCode code) {
		return STANDARD.get(code);
	}

	/**
	 * A standard envelope with a code, its default message and a payload.
	 * @param code the code
	 * @param data serialized JSON of {@code data}, {@code null} to leave the key out
	 * @return the envelope
	 */
	public static byte[] standard(ErrorCode code, byte @Nullable [] data) {
		return (data != null) ? standard(code, code.message(), data) : standard(code);
	}

	/**
	 * A standard envelope {@code {"code","message","ttl":1,"data"}}.
	 * @param code the code
	 * @param message the message, such as a readable -400 reason
	 * @param data serialized JSON of {@code data}, {@code null} to leave the key out
	 * @return the envelope
	 */
	public static byte[] standard(ErrorCode code, String message, byte @Nullable [] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 + ((data != null) ? data.length : 0));
		out.writeBytes(bytes("{\"code\":" + code.code() + ",\"message\":"));
		out.writeBytes(string(message));
		out.writeBytes(bytes(",\"ttl\":1"));
		if (data != null) {
			out.writeBytes(bytes(",\"data\":"));
			out.writeBytes(data);
		}
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * A map envelope {@code {"code","message"}}, without {@code ttl}: what poll and polls
	 * answer for an unknown app or no change (§3.7, §3.8).
	 * @param code the code
	 * @param message the message
	 * @return the envelope
	 */
	public static byte[] map(ErrorCode code, String message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(48 + message.length());
		out.writeBytes(bytes("{\"code\":" + code.code() + ",\"message\":"));
		out.writeBytes(string(message));
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * The map envelope of a polls answer with changes (§3.8), without {@code ttl}.
	 * @param changed appid to its serialized InstanceInfo
	 * @param missing unknown appids, written as {@code error."-404"} ({@code null} when
	 * empty)
	 * @return the envelope
	 */
	public static byte[] polls(Map<String, byte[]> changed, List<String> missing) {
		int size = 96 + 32 * missing.size();
		for (byte[] info : changed.values()) {
			size += info.length + 64;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.writeBytes(POLLS_PREFIX);
		boolean first = true;
		for (Map.Entry<String, byte[]> entry : changed.entrySet()) {
			if (!first) {
				out.write(',');
			}
			first = false;
			out.writeBytes(string(entry.getKey()));
			out.write(':');
			out.writeBytes(entry.getValue());
		}
		out.writeBytes(POLLS_MISSING);
		out.writeBytes(missing.isEmpty() ? NULL : DiscoveryJson.mapper().writeValueAsBytes(missing));
		out.writeBytes(bytes("}}"));
		return out.toByteArray();
	}

	/**
	 * Starts a JSON object whose member values are already serialized.
	 * @param expected the expected number of members, to size the buffer
	 * @return the object
	 */
	public static Members members(int expected) {
		return new Members(expected);
	}

	private static byte[] string(String text) {
		return DiscoveryJson.mapper().writeValueAsBytes(text);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A JSON object built from names and serialized values, such as appid to
	 * InstanceInfo.
	 */
	public static final class Members {

		private final ByteArrayOutputStream out;

		private boolean empty = true;

		private Members(int expected) {
			this.out = new ByteArrayOutputStream(2 + 256 * Math.max(expected, 1));
			this.out.write('{');
		}

		/**
		 * Adds a member.
		 * @param name the member name
		 * @param json its serialized value
		 * @return this object
		 */
		public Members add(String name, byte[] json) {
			if (!this.empty) {
				this.out.write(',');
			}
			this.empty = false;
			this.out.writeBytes(string(name));
			this.out.write(':');
			this.out.writeBytes(json);
			return this;
		}

		/**
		 * The object's bytes; more members may be added afterwards.
		 * @return {@code {...}}
		 */
		public byte[] toByteArray() {
			byte[] members = this.out.toByteArray();
			byte[] object = new byte[members.length + 1];
			System.arraycopy(members, 0, object, 0, members.length);
			object[members.length] = '}';
			return object;
		}

	}

}

package dev.discovery.server.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Answers what the web framework cannot even parse or must not wait for with the
 * protocol's -400 envelope (HTTP 200, then the connection is closed) instead of a bare
 * HTTP 400/414 or silence: kratos v2 reads any non-JSON answer as success. One instance
 * per connection, right after the HTTP codec; well-formed requests pass through
 * untouched.
 * <ul>
 * <li>a request line or headers the codec refused (too long, garbage), a chunked body
 * with broken framing, a request URI that is not a URI;</li>
 * <li>a Content-Type that cannot be parsed (the framework fails on some before any filter
 * runs) on a request with a body; on other methods it is dropped, as the reference
 * ignores it there;</li>
 * <li>a body larger than the limit: refused from its Content-Length before it is read, or
 * as soon as the bytes read pass the limit;</li>
 * <li>a request whose first byte came longer than the read timeout ago and that is still
 * not read completely (slow headers or body).</li>
 * </ul>
 * The refusal is written only after the answers to the earlier requests of a pipelined
 * sequence, so each of them keeps its answer; what follows the malformed request on that
 * connection cannot be framed and is dropped.
 */
public final class MalformedRequestGuard extends ChannelDuplexHandler {

	/** Name of this handler in the Netty pipeline. */
	public static final String NAME = "discovery.malformedRequestGuard";

	/** Name of its byte watcher, placed before the HTTP codec. */
	public static final String WATCHER_NAME = "discovery.requestStartWatcher";

	private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

	private static final Duration LINGER = Duration.ofSeconds(2);

	private final long maxBodyBytes;

	private final long readTimeoutNanos;

	private long requestsForwarded;

	private long answersWritten;

	private boolean readingBody;

	private long bodyBytes;

	private @Nullable ScheduledFuture<?> readTimer;

	/** The refusal, once decided; then nothing more is read or forwarded. */
	private @Nullable String refusal;

	/** Answers to wait for before the refusal is written. */
	private long refusalAfter;

	private boolean refusalWritten;

	/**
	 * Creates the guard of one connection.
	 * @param maxBodyBytes largest accepted request body
	 * @param readTimeout longest time from a request's first byte to its last
	 */
	public MalformedRequestGuard(long maxBodyBytes, Duration readTimeout) {
		this.maxBodyBytes = maxBodyBytes;
		this.readTimeoutNanos = readTimeout.toNanos();
	}

	/**
	 * The handler to place before the HTTP codec: it starts the read timeout when the
	 * first byte of a request arrives.
	 * @return the watcher of this guard
	 */
	public ChannelHandler startWatcher() {
		return new StartWatcher();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refusal != null) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			String problem = problem(request);
			if (problem != null) {
				ReferenceCountUtil.release(msg);
				refuse(ctx, problem, false);
				return;
			}
			this.requestsForwarded++;
			this.readingBody = true;
			this.bodyBytes = 0;
		}
		if (msg instanceof HttpContent content) {
			String problem = problem(content);
			if (problem != null) {
				ReferenceCountUtil.release(msg);
				refuse(ctx, problem, true);
				return;
			}
			if (msg instanceof LastHttpContent) {
				this.readingBody = false;
				cancelReadTimer();
			}
			if (content.content().isReadable()) {
				// Body bytes are slices sharing the codec's buffer: a reader that
				// releases
				// one twice (Spring's multipart reader does, for a part without a name)
				// would corrupt that buffer. A copy of our own makes such a release
				// harmless; bodies are small (bounded above).
				HttpContent copy = content.replace(Unpooled.copiedBuffer(content.content()));
				content.release();
				ctx.fireChannelRead(copy);
				return;
			}
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.refusalWritten) {
			// The connection is closing after the refusal; a late answer to the refused
			// request must not follow it on the wire.
			ReferenceCountUtil.release(msg);
			promise.setFailure(new ClosedChannelException());
			return;
		}
		ctx.write(msg, promise);
		if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
			this.answersWritten++;
			writeRefusalWhenDue(ctx);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancelReadTimer();
		super.channelInactive(ctx);
	}

	private @Nullable String problem(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			Throwable cause = request.decoderResult().cause();
			return "malformed request: " + ((cause != null) ? cause.getMessage() : "unreadable");
		}
		try {
			new URI(request.uri());
		}
		catch (URISyntaxException ex) {
			return "malformed request URI: " + ex.getReason();
		}
		String contentTypeProblem = contentTypeProblem(request);
		if (contentTypeProblem != null) {
			return contentTypeProblem;
		}
		long length;
		try {
			length = HttpUtil.getContentLength(request, -1L);
		}
		catch (NumberFormatException ex) {
			return "malformed Content-Length";
		}
		if (length > this.maxBodyBytes) {
			return bodyTooLarge();
		}
		return null;
	}

	private static @Nullable String contentTypeProblem(HttpRequest request) {
		List<String> types = request.headers().getAll(HttpHeaderNames.CONTENT_TYPE);
		if (types.isEmpty() || (types.size() == 1 && isReadable(types.get(0)))) {
			return null;
		}
		if (WITH_BODY.contains(request.method())) {
			return "unreadable Content-Type '" + Rejections.abbreviate(String.join(", ", types)) + "'";
		}
		request.headers().remove(HttpHeaderNames.CONTENT_TYPE);
		return null;
	}

	private static boolean isReadable(String contentType) {
		try {
			MediaType.parseMediaType(contentType).getCharset();
			return true;
		}
		catch (RuntimeException ex) {
			// InvalidMediaTypeException, an unknown charset, or worse: the framework's
			// own
			// parser fails with other exceptions on some input.
			return false;
		}
	}

	private @Nullable String problem(HttpContent content) {
		if (content.decoderResult().isFailure()) {
			Throwable cause = content.decoderResult().cause();
			return "malformed request body: " + ((cause != null) ? cause.getMessage() : "unreadable");
		}
		this.bodyBytes += content.content().readableBytes();
		return (this.bodyBytes > this.maxBodyBytes) ? bodyTooLarge() : null;
	}

	private String bodyTooLarge() {
		return "request body larger than " + this.maxBodyBytes + " bytes";
	}

	private void requestStarted(ChannelHandlerContext ctx) {
		requestStarted(ctx, false);
	}

	/**
	 * Starts the read timeout unless it runs already.
	 * @param pending whether bytes of an unfinished request are known to be waiting
	 */
	private void requestStarted(ChannelHandlerContext ctx, boolean pending) {
		if (this.readTimer == null && (pending || !this.readingBody) && this.refusal == null
				&& ctx.channel().isActive()) {
			this.readTimer = ctx.executor()
				.schedule(() -> readTimedOut(ctx), this.readTimeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void readTimedOut(ChannelHandlerContext ctx) {
		this.readTimer = null;
		if (this.refusal == null && ctx.channel().isActive()) {
			refuse(ctx, "request not received completely within " + Duration.ofNanos(this.readTimeoutNanos).toMillis()
					+ " ms", this.readingBody);
		}
	}

	private void cancelReadTimer() {
		ScheduledFuture<?> timer = this.readTimer;
		if (timer != null) {
			timer.cancel(false);
			this.readTimer = null;
		}
	}

	/**
	 * Decides to refuse the current request; the refusal goes out once every earlier
	 * request has its answer.
	 * @param forwarded whether the refused request was already passed on
	 */
	private void refuse(ChannelHandlerContext ctx, String problem, boolean forwarded) {
		cancelReadTimer();
		this.refusal = problem;
		this.refusalAfter = forwarded ? this.requestsForwarded - 1 : this.requestsForwarded;
		// Keep reading (and dropping) what the client still sends, so that closing does
		// not
		// reset the connection before the client has read the refusal.
		ctx.channel().config().setAutoRead(true);
		writeRefusalWhenDue(ctx);
	}

	private void writeRefusalWhenDue(ChannelHandlerContext ctx) {
		String problem = this.refusal;
		if (problem == null || this.refusalWritten || this.answersWritten < this.refusalAfter) {
			return;
		}
		this.refusalWritten = true;
		if (this.answersWritten > this.refusalAfter) {
			// The refused request was answered already (its body was never read).
			ctx.flush();
			ctx.close();
			return;
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
				Unpooled.wrappedBuffer(Rejections.envelope(problem)));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, Answers.JSON_UTF8.toString())
			.setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		// The rest of this connection cannot be framed: stop sending, let the client read
		// the
		// answer, and close when it hangs up or after a short linger.
		ctx.writeAndFlush(response).addListener((ChannelFutureListener) (written) -> {
			if (written.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
				duplex.shutdownOutput();
				ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				ctx.close();
			}
		});
	}

	/**
	 * Sees the raw bytes before the codec: the first byte of a request starts its read
	 * timeout.
	 */
	private final class StartWatcher extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof ByteBuf bytes) || !bytes.isReadable()) {
				ctx.fireChannelRead(msg);
				return;
			}
			ChannelHandlerContext guard = ctx.pipeline().context(MalformedRequestGuard.this);
			if (guard != null) {
				requestStarted(guard);
			}
			// The codec decodes every complete request of these bytes before it returns,
			// and a request that ends among them stops the timer. A request begun but not
			// finished, or bytes the codec keeps (these bytes became its buffer when it
			// held none), need the timer again, or they would wait for the idle timeout.
			bytes.retain();
			try {
				ctx.fireChannelRead(bytes);
			}
			finally {
				boolean leftOver = bytes.isReadable();
				bytes.release();
				if (guard != null && (leftOver || MalformedRequestGuard.this.readingBody)) {
					requestStarted(guard, true);
				}
			}
		}

	}

}

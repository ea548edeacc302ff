package dev.discovery.server.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers requests the web framework cannot even parse (a request line over the limit, an
 * invalid percent escape in the query) with the protocol's -400 envelope instead of a
 * bare HTTP 400/414: kratos v2 reads any non-JSON answer as success. Sits right after the
 * HTTP codec; well-formed requests pass through untouched.
 */
@ChannelHandler.Sharable
public final class MalformedRequestGuard extends ChannelInboundHandlerAdapter {

	/** Name of this handler in the Netty pipeline. */
	public static final String NAME = "discovery.malformedRequestGuard";

	private static final MalformedRequestGuard INSTANCE = new MalformedRequestGuard();

	private MalformedRequestGuard() {
	}

	/**
	 * The shared, stateless instance.
	 * @return the guard
	 */
	public static MalformedRequestGuard instance() {
		return INSTANCE;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			String problem = problem(request);
			if (problem != null) {
				ReferenceCountUtil.release(msg);
				reject(ctx, problem);
				return;
			}
		}
		else if (msg instanceof HttpContent && !ctx.channel().isActive()) {
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	private static String problem(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			Throwable cause = request.decoderResult().cause();
			return "malformed request: " + ((cause != null) ? cause.getMessage() : "unreadable");
		}
		try {
			new URI(request.uri());
			return null;
		}
		catch (URISyntaxException ex) {
			return "malformed request URI: " + ex.getReason();
		}
	}

	private static void reject(ChannelHandlerContext ctx, String problem) {
		String json = "{\"code\":-400,\"message\":\"" + problem.replace("\\", "\\\\").replace("\"", "'")
				+ "\",\"ttl\":1}";
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
				Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, Answers.JSON_UTF8.toString())
			.setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		// The rest of this request cannot be trusted; close after answering.
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

}

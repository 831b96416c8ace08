package io.custody.infra.web;

import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.error.TraceId;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers, in the seed's error format, the requests that Spring never sees: a request line or headers too long for the
 * HTTP decoder (414, 431), a request that is not HTTP, a target that is no URI (such as {@code /wallets/%zz}, which
 * Spring would refuse with an empty 400), and a body declared larger than the server reads (413, before a byte of it
 * is read). Reactor Netty would otherwise answer the first ones itself, with an empty body and no trace id.
 *
 * <p>It sits right after the HTTP codec, one instance per connection. After a rejection the connection is closed, but
 * not at once: closing a socket with unread input makes the kernel send a reset, which can destroy the answer before
 * the client reads it (a client still sending a 5 MB body would see "connection reset" instead of 413). So the answer
 * is sent with {@code Connection: close}, the output side is shut down, and whatever the client still sends is read
 * and dropped until it closes its side, for at most {@link #LINGER_SECONDS} seconds or {@link #MAX_DRAINED_BYTES}.
 */
final class EarlyRejectionHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(EarlyRejectionHandler.class);
    static final String NAME = "custody.earlyRejections";
    static final long LINGER_SECONDS = 10;
    static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    private final JsonMapper json;
    private final long maxBodyBytes;
    /** Requests passed on to Spring whose response has not been written completely yet (pipelining). */
    private int inFlight;
    private FullHttpResponse deferred;
    private boolean rejected;
    private long drained;

    EarlyRejectionHandler(JsonMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            drop(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Rejection rejection = rejectionOf(request);
            if (rejection != null) {
                reject(ctx, request, rejection);
                drop(ctx, msg);
                return;
            }
            inFlight++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // an interim response (100 Continue) is complete in itself but does not answer the request
        boolean interim = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof LastHttpContent && !interim) {
            promise.addListener(written -> {
                inFlight = Math.max(0, inFlight - 1);
                if (inFlight == 0 && deferred != null) {
                    send(ctx, deferred);
                    deferred = null;
                }
            });
        }
        ctx.write(msg, promise);
    }

    private Rejection rejectionOf(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Rejection(Reason.URI_TOO_LONG, "The request line is too long; send a shorter URI",
                        Map.of("uri", List.of("is too long")));
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Rejection(Reason.HEADERS_TOO_LARGE, "The request headers are too large",
                        Map.of("headers", List.of("are too large")));
            }
            return new Rejection(Reason.MALFORMED_HTTP, "The request is not valid HTTP/1.1", Map.of());
        }
        String problem = uriProblem(request.uri());
        if (problem != null) {
            return new Rejection(Reason.MALFORMED_URI, "The request URI is malformed", Map.of("uri", List.of(problem)));
        }
        long length = HttpUtil.getContentLength(request, -1L);
        if (length > maxBodyBytes) {
            return new Rejection(Reason.REQUEST_TOO_LARGE, "The request body is too large",
                    Map.of("body", List.of("must be at most " + maxBodyBytes + " bytes")));
        }
        return null;
    }

    /**
     * Why Spring could not turn the request target into a {@link URI}, or {@code null}. Spring builds
     * {@code scheme://host:port} plus the target's path and query and parses that; the host is escaped by Spring, so
     * the path and query decide.
     */
    static String uriProblem(String target) {
        String pathAndQuery = target;
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int path = target.indexOf('/', scheme + 3);
            pathAndQuery = path < 0 ? "" : target.substring(path);
        }
        try {
            new URI("http://localhost" + pathAndQuery);
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URI (" + e.getReason() + " at index " + Math.max(0, e.getIndex() - 16) + ")";
        }
    }

    private void reject(ChannelHandlerContext ctx, HttpRequest request, Rejection rejection) {
        rejected = true;
        // keep reading (and dropping) what the client still sends, whatever Reactor Netty's read demand was
        ctx.channel().config().setAutoRead(true);
        String traceId = TraceIds.forTraceparent(request.headers().get("traceparent"));
        try (var ignored = MDC.putCloseable(TraceId.MDC_KEY, traceId)) {
            // the method of a request that did not decode is a placeholder, and the target is never logged: it is
            // whatever the client typed
            log.info("request rejected before routing: {} {} {} traceId={}",
                    request.decoderResult().isFailure() ? "(undecodable)" : request.method(),
                    rejection.code().httpStatus(), rejection.reason(), traceId);
        }
        byte[] body = json.writeValueAsBytes(ApiError.of(rejection, traceId));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(rejection.code().httpStatus()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(TraceId.HEADER, traceId)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (inFlight > 0) {
            deferred = response;
        } else {
            send(ctx, response);
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ctx.close();
            }
        });
    }

    private void drop(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBufHolder holder) {
            drained += holder.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (drained > MAX_DRAINED_BYTES) {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deferred != null) {
            deferred.release();
            deferred = null;
        }
    }
}

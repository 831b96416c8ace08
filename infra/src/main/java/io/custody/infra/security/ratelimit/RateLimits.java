package io.custody.infra.security.ratelimit;

import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.infra.web.ApiErrorHandler;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The request rate limits (ADR identity-010): token buckets per client address and per authenticated caller, stricter
 * on the ways in (enrolment, refresh, the assertion exchange, passkey ceremonies) than on commands. A request over a
 * limit is answered {@code 429 RATE_LIMITED}, reason {@code RATE_LIMIT_EXCEEDED}, with {@code Retry-After} in whole
 * seconds and the limit's name in the details, and goes no further. Two filters of the security chain apply them:
 * {@link #byAddress()} before authentication (so that requests with bad credentials count too) and
 * {@link #byCaller()} after it. Buckets live in this instance's memory: with N instances behind a load balancer a
 * client gets up to N times the limit.
 */
public final class RateLimits {

    /** The limits in force, as configured. */
    public record Settings(boolean enabled, RateLimit sessionPerAddress, RateLimit sessionPerCaller,
                           RateLimit commandsPerAddress, RateLimit commandsPerCaller, List<String> sessionPaths) {
    }

    private final boolean enabled;
    private final RouteClass.Classifier classifier;
    private final KeyedRateLimiter sessionPerAddress;
    private final KeyedRateLimiter sessionPerCaller;
    private final KeyedRateLimiter commandsPerAddress;
    private final KeyedRateLimiter commandsPerCaller;
    private final ApiErrorHandler errors;

    public RateLimits(Settings settings, LongSupplier ticker, ApiErrorHandler errors) {
        this.enabled = settings.enabled();
        this.classifier = new RouteClass.Classifier(settings.sessionPaths());
        this.sessionPerAddress = new KeyedRateLimiter("session requests per client address",
                settings.sessionPerAddress(), ticker);
        this.sessionPerCaller = new KeyedRateLimiter("session requests per caller", settings.sessionPerCaller(),
                ticker);
        this.commandsPerAddress = new KeyedRateLimiter("commands per client address", settings.commandsPerAddress(),
                ticker);
        this.commandsPerCaller = new KeyedRateLimiter("commands per caller", settings.commandsPerCaller(), ticker);
        this.errors = errors;
    }

    /** The per-address limits; runs before authentication. */
    public WebFilter byAddress() {
        return (exchange, chain) -> {
            if (!enabled) return chain.filter(exchange);
            KeyedRateLimiter limiter = switch (routeClass(exchange)) {
                case SESSION -> sessionPerAddress;
                case COMMAND -> commandsPerAddress;
                case UNLIMITED -> null;
            };
            if (limiter == null) return chain.filter(exchange);
            String address = addressKey(exchange);
            if (address == null) return chain.filter(exchange); // no socket address (in-memory test clients)
            return limiter.tryAcquire(address).map(wait -> refuse(exchange, limiter, wait))
                    .orElseGet(() -> chain.filter(exchange));
        };
    }

    /** The per-caller limits; runs after authentication, so only requests with a valid credential have a caller. */
    public WebFilter byCaller() {
        return (exchange, chain) -> {
            if (!enabled || !(exchange.getAttribute(Caller.EXCHANGE_ATTRIBUTE) instanceof Caller caller)) {
                return chain.filter(exchange);
            }
            KeyedRateLimiter limiter = switch (routeClass(exchange)) {
                case SESSION -> sessionPerCaller;
                case COMMAND -> commandsPerCaller;
                case UNLIMITED -> null;
            };
            if (limiter == null) return chain.filter(exchange);
            String key = caller.kind() + ":" + caller.subject();
            return limiter.tryAcquire(key).map(wait -> refuse(exchange, limiter, wait))
                    .orElseGet(() -> chain.filter(exchange));
        };
    }

    private RouteClass routeClass(ServerWebExchange exchange) {
        return classifier.classify(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication().value());
    }

    /**
     * Answers {@code 429} after reading what the client already sent of its body (up to {@link #DRAIN_LIMIT} bytes):
     * a server that closes a connection with request bytes still unread makes the kernel reset it, and the client
     * then sees "connection reset" instead of the 429 and its {@code Retry-After}.
     */
    private Mono<Void> refuse(ServerWebExchange exchange, KeyedRateLimiter limiter, Duration wait) {
        long seconds = retryAfterSeconds(wait);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Mono<Void> drained = exchange.getRequest().getBody()
                .map(buffer -> {
                    long read = buffer.readableByteCount();
                    DataBufferUtils.release(buffer);
                    return read;
                })
                .scan(0L, Long::sum)
                .takeUntil(total -> total > DRAIN_LIMIT)
                .then()
                .onErrorComplete();
        return drained.then(Mono.defer(() -> errors.respond(exchange, new Rejection(Reason.RATE_LIMIT_EXCEEDED,
                "Too many requests; retry after " + seconds + " s", Map.of("limit", List.of(limiter.name()))),
                null)));
    }

    /** Most of a refused request's body read before the 429 (the API's bodies are at most 256 KB). */
    static final long DRAIN_LIMIT = 256 * 1024;

    /** Whole seconds, rounded up, at least 1: a client that waits that long finds a token. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * The key of the client's address: the IPv4 address itself, or the /64 network of an IPv6 address (one host
     * usually holds a whole /64, so counting single IPv6 addresses would let it pick a fresh one per request).
     */
    static String addressKey(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) return null;
        return addressKey(remote.getAddress());
    }

    static String addressKey(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) prefix.append(String.format("%02x", bytes[i] & 0xff));
            return prefix.append("/64").toString();
        }
        return address.getHostAddress();
    }
}

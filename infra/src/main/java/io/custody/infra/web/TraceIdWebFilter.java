package io.custody.infra.web;

import io.custody.api.error.TraceId;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a trace id: the one of an incoming W3C {@code traceparent} header when it is well formed, else a
 * fresh random one. It is returned in {@code X-Trace-Id}, put in every error body, logged with every log line about
 * the request and attached to the commands the request sends. Free-form ids from clients are not accepted, so nothing
 * a client types ends up verbatim in the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdWebFilter implements WebFilter {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID_TRACE = "00000000000000000000000000000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = fromTraceparent(exchange.getRequest().getHeaders().getFirst("traceparent"));
        if (traceId == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            traceId = HexFormat.of().formatHex(bytes);
        }
        exchange.getAttributes().put(TraceId.EXCHANGE_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceId.HEADER, traceId);
        String id = traceId;
        return chain.filter(exchange).contextWrite(context -> context.put(TraceId.MDC_KEY, id));
    }

    private static String fromTraceparent(String header) {
        if (header == null) return null;
        var matcher = TRACEPARENT.matcher(header.trim());
        if (!matcher.matches() || INVALID_TRACE.equals(matcher.group(1))) return null;
        return matcher.group(1);
    }

    /** The trace id of an exchange, or {@code "unknown"} when the filter did not run (never null in error bodies). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(TraceId.EXCHANGE_ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}

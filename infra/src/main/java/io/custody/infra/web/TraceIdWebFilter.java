package io.custody.infra.web;

import io.custody.api.error.TraceId;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request that reaches Spring a trace id ({@link TraceIds}). It is returned in {@code X-Trace-Id}, put in
 * every error body, logged with every log line about the request and attached to the commands the request sends.
 * Requests refused before Spring sees them get theirs from {@link EarlyRejectionHandler}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = TraceIds.forTraceparent(exchange.getRequest().getHeaders().getFirst("traceparent"));
        exchange.getAttributes().put(TraceId.EXCHANGE_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceId.HEADER, traceId);
        String id = traceId;
        return chain.filter(exchange).contextWrite(context -> context.put(TraceId.MDC_KEY, id));
    }

    /** The trace id of an exchange, or {@code "unknown"} when the filter did not run (never null in error bodies). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(TraceId.EXCHANGE_ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}

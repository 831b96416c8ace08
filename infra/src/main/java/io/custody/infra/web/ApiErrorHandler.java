package io.custody.infra.web;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Rejection;
import io.custody.api.error.TraceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every failed request in the seed's error format with the status its code assigns, and logs it with the
 * request's trace id. Runs before Spring Boot's default error handler, which would answer in its own format.
 */
@Component
@Order(-2)
public class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final JsonMapper json;

    public ApiErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        return respond(exchange, ErrorClassifier.classify(failure), failure);
    }

    /** Answers with {@code rejection} in the seed's format; for refusals made outside a controller (security). */
    public Mono<Void> respond(ServerWebExchange exchange, Rejection rejection, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String traceId = TraceIdWebFilter.of(exchange);
        log(exchange, rejection, traceId, failure);
        byte[] body = json.writeValueAsBytes(
                ApiError.of(rejection, traceId));
        response.setStatusCode(HttpStatus.valueOf(rejection.code().httpStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(TraceId.HEADER, traceId);
        if ((rejection.code() == ErrorCode.SERVICE_UNAVAILABLE || rejection.code() == ErrorCode.RATE_LIMITED)
                && !response.getHeaders().containsHeader("Retry-After")) {
            // a rate limit knows when its next token comes and has set the header already
            response.getHeaders().set("Retry-After", "5");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void log(ServerWebExchange exchange, Rejection rejection, String traceId, Throwable failure) {
        try (var ignored = MDC.putCloseable(TraceId.MDC_KEY, traceId)) {
            String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
            if (rejection.code() == ErrorCode.INTERNAL_ERROR) {
                log.error("request failed: {} traceId={}", request, traceId, failure);
            } else {
                log.info("request rejected: {} {} {} {} traceId={}", request, rejection.code().httpStatus(),
                        rejection.code(), rejection.reason(), traceId);
            }
        }
    }
}

package io.custody.infra.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whether a request would reach an API handler (annotated controllers and router functions; not static resources),
 * so that the security chain can tell a route that exists but was never declared in {@link ApiAccessRules} (403)
 * from a path or method that does not exist at all (left to routing: 404, 405).
 */
@Component
public class ServedRoutes {

    private final ObjectProvider<HandlerMapping> mappings;

    public ServedRoutes(ObjectProvider<HandlerMapping> mappings) {
        this.mappings = mappings;
    }

    public Mono<Boolean> served(ServerWebExchange exchange) {
        List<HandlerMapping> api = mappings.orderedStream()
                .filter(m -> m instanceof RequestMappingHandlerMapping || m instanceof RouterFunctionMapping)
                .toList();
        return reactor.core.publisher.Flux.fromIterable(api)
                .concatMap(m -> m.getHandler(exchange).onErrorResume(e -> Mono.empty()))
                .hasElements();
    }
}

package io.custody.infra.security;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.MerchantApiKeyDirectory;
import io.custody.infra.identity.Sessions;
import io.custody.infra.security.ratelimit.RateLimits;
import io.custody.infra.web.ApiErrorHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security on WebFlux: every request with a bearer credential is authenticated ({@link BearerAuthenticationManager});
 * routes under {@code /api/**} are then allowed only as {@link ApiAccessRules} says, and refused by default. No
 * cookies, so no CSRF token and no server-side security context: each request stands on its own credential.
 * Refusals use the API's error format: {@code 401} with {@code WWW-Authenticate: Bearer}, {@code 403}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Exchange attribute holding the reason a rule refused the caller (for the 403 body). */
    static final String DENIAL = "io.custody.security.denial";

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, AccessTokens tokens, Sessions sessions,
                                       MerchantApiKeyDirectory merchantKeys, ApiErrorHandler errors,
                                       ServedRoutes routes, RateLimits limits) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(new BearerAuthenticationManager(tokens, sessions,
                merchantKeys));
        bearer.setServerAuthenticationConverter(SecurityConfiguration::presented);
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        bearer.setAuthenticationSuccessHandler((filterExchange, authentication) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            exchange.getAttributes().put(Caller.EXCHANGE_ATTRIBUTE, authentication.getPrincipal());
            return filterExchange.getChain().filter(exchange);
        });
        bearer.setAuthenticationFailureHandler((filterExchange, failure) ->
                unauthenticated(filterExchange.getExchange(), failure, errors));

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // per client address before the credential is checked (bad credentials count too), per caller after
                .addFilterBefore(limits.byAddress(), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(limits.byCaller(), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> {
                    for (ApiAccessRules.Rule rule : ApiAccessRules.RULES) {
                        var route = exchanges.pathMatchers(rule.method(), rule.pattern());
                        if (rule.open()) {
                            route.permitAll();
                        } else {
                            route.access((authentication, context) -> decide(rule, authentication,
                                    context.getExchange()));
                        }
                    }
                    // Deny by default. Only a caller with credentials learns that a path or method does not exist
                    // (404, 405, from routing); a route that exists but is missing from ApiAccessRules is 403.
                    exchanges.pathMatchers("/api/**").access((authentication, context) -> authentication
                            .filter(a -> a instanceof CallerAuthentication)
                            .flatMap(a -> routes.served(context.getExchange()))
                            .map(served -> {
                                if (served) context.getExchange().getAttributes().put(DENIAL, Reason.GENERIC_FORBIDDEN);
                                return (org.springframework.security.authorization.AuthorizationResult)
                                        new AuthorizationDecision(!served);
                            })
                            .defaultIfEmpty(new AuthorizationDecision(false)));
                    exchanges.anyExchange().permitAll();
                })
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, failure) -> unauthenticated(exchange, failure, errors))
                        .accessDeniedHandler((exchange, denied) -> {
                            Reason reason = exchange.getAttributeOrDefault(DENIAL, Reason.ROLE_REQUIRED);
                            String message = switch (reason) {
                                case MEMBER_REQUIRED -> "Only a member's own credential may do this; service "
                                        + "accounts never can";
                                case ROLE_REQUIRED -> "Your roles do not allow this";
                                case MERCHANT_KEY_SCOPE -> "A merchant API key may only route and read its own "
                                        + "merchant's payments, as its scopes allow";
                                default -> "This route is not open to any caller";
                            };
                            return errors.respond(exchange, new Rejection(reason, message, Map.of()), denied);
                        }))
                .build();
    }

    private static Mono<org.springframework.security.authorization.AuthorizationResult> decide(
            ApiAccessRules.Rule rule, Mono<Authentication> authentication, ServerWebExchange exchange) {
        return authentication
                .filter(a -> a instanceof CallerAuthentication)
                .map(a -> {
                    Caller caller = ((CallerAuthentication) a).getPrincipal();
                    if (caller.kind() == CallerKind.MERCHANT_API_KEY) {
                        // only the routes a rule opens to a scope the key holds; which merchant is the handler's
                        // check, as the organisation is (ADR identity-030)
                        boolean allowed = rule.merchantScope() != null
                                && ((CallerAuthentication) a).merchantScopes().contains(rule.merchantScope());
                        if (!allowed) exchange.getAttributes().put(DENIAL, Reason.MERCHANT_KEY_SCOPE);
                        return (org.springframework.security.authorization.AuthorizationResult)
                                new AuthorizationDecision(allowed);
                    }
                    if (rule.membersOnly() && caller.kind() != CallerKind.MEMBER) {
                        exchange.getAttributes().put(DENIAL, Reason.MEMBER_REQUIRED);
                        return new AuthorizationDecision(false);
                    }
                    boolean allowed = caller.hasAnyRole(rule.roles());
                    if (!allowed) exchange.getAttributes().put(DENIAL, Reason.ROLE_REQUIRED);
                    return (org.springframework.security.authorization.AuthorizationResult)
                            new AuthorizationDecision(allowed);
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /**
     * The bearer credential of a request, or nothing when it has none (then only open routes answer). Any other
     * {@code Authorization} scheme is refused rather than ignored, so a client never believes it authenticated.
     */
    private static Mono<Authentication> presented(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
            return Mono.error(new BearerAuthenticationManager.Refused(Reason.TOKEN_INVALID,
                    "Only Authorization: Bearer <token> is accepted"));
        }
        InetSocketAddress remote = request.getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        return Mono.just(new CallerAuthentication.Presented(header.substring(7).strip(), ip,
                request.getHeaders().getFirst(HttpHeaders.USER_AGENT)));
    }

    private static Mono<Void> unauthenticated(ServerWebExchange exchange, AuthenticationException failure,
                                              ApiErrorHandler errors) {
        Rejection rejection = failure instanceof BearerAuthenticationManager.Refused refused
                ? new Rejection(refused.reason, refused.getMessage(), Map.of())
                : new Rejection(Reason.CREDENTIALS_REQUIRED,
                "Authentication is required: send Authorization: Bearer <access token, service account token or "
                        + "merchant API key>",
                Map.of());
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"custody\""
                + (rejection.code() == ErrorCode.UNAUTHENTICATED && rejection.reason() != Reason.CREDENTIALS_REQUIRED
                ? ", error=\"invalid_token\"" : ""));
        return errors.respond(exchange, rejection, failure);
    }
}

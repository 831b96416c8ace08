package io.custody.infra.identity;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Refresh, logout and "who am I". */
@RestController
public class SessionController {

    private final Sessions sessions;
    private final AccessTokens tokens;

    public SessionController(Sessions sessions, AccessTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    public record RefreshRequest(String refreshToken) {
    }

    public record Me(String subject, String kind, String organisation, List<String> roles, String session) {
    }

    /** A new access token and the next refresh token; the presented one is used up. */
    @PostMapping(path = "/api/v1/sessions/refresh", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SessionResponse> refresh(@RequestBody RefreshRequest body) {
        if (body.refreshToken() == null) {
            throw new RejectedException(new Rejection(Reason.MISSING_FIELD, "A refresh token is required",
                    Map.of("refreshToken", List.of("is required"))));
        }
        return Mono.fromCallable(() -> sessions.refresh(body.refreshToken()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(found -> found.orElseThrow(() -> new RejectedException(new Rejection(Reason.ENROLMENT_INVALID,
                        "The refresh token is not valid", Map.of()))))
                .map(opened -> SessionResponse.of(opened,
                        tokens.issue(opened.member(), opened.organisation(), opened.session().toString(),
                                opened.credential()), tokens.lifetime().toSeconds()));
    }

    /** Ends the caller's session: its access and refresh tokens stop working with the next request. */
    @DeleteMapping("/api/v1/sessions/current")
    public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        return Mono.fromRunnable(() -> sessions.revoke(UUID.fromString(caller.session()), "logout"))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public Me me(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange.getAttributes());
        return new Me(caller.subject(), caller.kind().name(), caller.organisation().value(),
                caller.roles().stream().map(Enum::name).sorted().toList(), caller.session());
    }
}

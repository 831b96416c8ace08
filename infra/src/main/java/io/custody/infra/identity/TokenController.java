package io.custody.infra.identity;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The token endpoint of the service accounts' key pairs (RFC 7523 JWT bearer grant, ADR identity-011): a form with
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer} and {@code assertion=<signed JWT>} is answered with
 * a short-lived access token. Refusals use the API's error format; every refused assertion gets the same
 * {@code 401 ASSERTION_INVALID}, and only the log says which check failed.
 */
@RestController
public class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    /** Far above any real assertion (a few hundred bytes); keeps a huge form from being parsed as a JWT. */
    static final int MAX_ASSERTION_LENGTH = 8192;

    private final ServiceAccountAssertions assertions;
    private final AccessTokens tokens;

    public TokenController(ServiceAccountAssertions assertions, AccessTokens tokens) {
        this.assertions = assertions;
        this.tokens = tokens;
    }

    /** RFC 6749 names, so OAuth client libraries read it; there is no refresh token: sign a new assertion. */
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @PostMapping(path = "/api/v1/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<TokenResponse>> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String assertion = single(form, "assertion");
            String grantType = single(form, "grant_type");
            if (!ServiceAccountAssertions.GRANT_TYPE.equals(grantType)) {
                Reason reason = form.containsKey("grant_type") ? Reason.INVALID_FIELD : Reason.MISSING_FIELD;
                return Mono.error(invalid(reason, "grant_type", "must be " + ServiceAccountAssertions.GRANT_TYPE));
            }
            if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH) {
                Reason reason = form.containsKey("assertion") ? Reason.INVALID_FIELD : Reason.MISSING_FIELD;
                return Mono.error(invalid(reason, "assertion",
                        "must be one signed JWT of at most " + MAX_ASSERTION_LENGTH + " characters"));
            }
            return Mono.fromCallable(() -> assertions.verify(assertion)).subscribeOn(Schedulers.boundedElastic())
                    .map(this::answer);
        });
    }

    private ResponseEntity<TokenResponse> answer(ServiceAccountAssertions.Outcome outcome) {
        if (outcome instanceof ServiceAccountAssertions.Outcome.Accepted accepted) {
            String token = tokens.issueForServiceAccount(accepted.serviceAccount().toString(),
                    accepted.organisation(), AccessTokens.SERVICE_ACCOUNT_KEY_CREDENTIAL + accepted.keyId());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                    .body(new TokenResponse(token, "Bearer", tokens.serviceAccountLifetime().toSeconds()));
        }
        ServiceAccountAssertions.Outcome.Refused refused = (ServiceAccountAssertions.Outcome.Refused) outcome;
        log.info("service account assertion refused: {}", refused.check());
        throw new RejectedException(new Rejection(Reason.ASSERTION_INVALID, "The assertion is not valid", Map.of()));
    }

    /** A form parameter given once; given several times it counts as absent (RFC 6749, section 3.2). */
    private static String single(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private static RejectedException invalid(Reason reason, String field, String problem) {
        return new RejectedException(new Rejection(reason, "Invalid token request", Map.of(field, List.of(problem))));
    }
}

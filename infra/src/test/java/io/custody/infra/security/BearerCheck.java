package io.custody.infra.security;

import io.custody.api.identity.Caller;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.MerchantApiKeyDirectory;
import io.custody.infra.identity.Sessions;
import org.springframework.security.core.Authentication;

/**
 * For benchmarks: the check the security filter runs on every bearer credential ({@link BearerAuthenticationManager},
 * package-private, so reached from here), built from the running application's own {@link AccessTokens} and
 * {@link Sessions}, as {@link SecurityConfiguration} builds it. One call is what one request pays for its token:
 * the hop off the event loop, the JWT's signature and claims, and the session and roles looked up in PostgreSQL.
 */
public final class BearerCheck {

    private final BearerAuthenticationManager manager;

    /** Checks members' and service accounts' credentials; a merchant API key would fail (no directory for them). */
    public BearerCheck(AccessTokens tokens, Sessions sessions) {
        this(tokens, sessions, null);
    }

    public BearerCheck(AccessTokens tokens, Sessions sessions, MerchantApiKeyDirectory merchantKeys) {
        this.manager = new BearerAuthenticationManager(tokens, sessions, merchantKeys);
    }

    /** The caller {@code token} stands for, checked as a request from {@code ip} would be; throws if refused. */
    public Caller check(String token, String ip, String userAgent) {
        Authentication authenticated = manager.authenticate(new CallerAuthentication.Presented(token, ip, userAgent))
                .block();
        if (!(authenticated instanceof CallerAuthentication caller)) {
            throw new IllegalStateException("the bearer check answered " + authenticated);
        }
        return caller.getPrincipal();
    }
}

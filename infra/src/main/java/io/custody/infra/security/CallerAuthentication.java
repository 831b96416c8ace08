package io.custody.infra.security;

import io.custody.api.identity.Caller;
import io.custody.api.payment.MerchantApiKeyScope;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request whose bearer credential checked out: the {@link Caller} is the principal, its roles the authorities. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;
    private final transient Set<MerchantApiKeyScope> merchantScopes;

    CallerAuthentication(Caller caller) {
        this(caller, Set.of());
    }

    /** @param merchantScopes what a merchant API key may do (ADR identity-030); empty for every other caller */
    CallerAuthentication(Caller caller, Set<MerchantApiKeyScope> merchantScopes) {
        super(caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        this.caller = caller;
        this.merchantScopes = Set.copyOf(merchantScopes);
        setAuthenticated(true);
    }

    Set<MerchantApiKeyScope> merchantScopes() {
        return merchantScopes;
    }

    @Override
    public Object getCredentials() {
        return ""; // the token itself is not kept
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }

    /** Not yet checked: the bearer token as it came, with where it came from. */
    static final class Presented extends AbstractAuthenticationToken {

        private final transient String token;
        private final String ip;
        private final String userAgent;

        Presented(String token, String ip, String userAgent) {
            super(List.of());
            this.token = token;
            this.ip = ip;
            this.userAgent = userAgent;
        }

        String token() {
            return token;
        }

        String ip() {
            return ip;
        }

        String userAgent() {
            return userAgent;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "bearer";
        }

        @Override
        public String toString() {
            return "Presented[bearer token]"; // never the token
        }
    }
}

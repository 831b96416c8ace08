package io.custody.infra.security;

import io.custody.api.identity.Caller;
import io.custody.api.identity.CallerKind;
import io.custody.api.error.Reason;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.identity.Secrets;
import io.custody.command.identity.ServiceAccountTokens;
import io.custody.command.payment.MerchantApiKeys;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.MerchantApiKeyDirectory;
import io.custody.infra.identity.Sessions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a bearer credential and turns it into a {@link Caller}: an access token of a member's session (signature,
 * type, issuer, audience, lifetime, then the session and the member's roles as they stand now), an access token a
 * service account obtained with a signed assertion (the same checks, then the account and its key not revoked), or a
 * service account token (compared by its SHA-256 with the stored one, the account not revoked), or a merchant API key
 * {@code mk_<keyId>_<secret>} (looked up by its id, the SHA-256 of the secret compared in constant time, the key not
 * revoked nor expired; ADR identity-030). Lookups are JDBC and run off the event loop.
 */
final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private final AccessTokens tokens;
    private final Sessions sessions;
    private final MerchantApiKeyDirectory merchantKeys;

    BearerAuthenticationManager(AccessTokens tokens, Sessions sessions, MerchantApiKeyDirectory merchantKeys) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.merchantKeys = merchantKeys;
    }

    /** Why a credential was refused; the reason travels in the exception to the failure handler. */
    static final class Refused extends BadCredentialsException {
        final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        CallerAuthentication.Presented presented = (CallerAuthentication.Presented) authentication;
        return Mono.fromCallable(() -> check(presented)).subscribeOn(Schedulers.boundedElastic());
    }

    private Authentication check(CallerAuthentication.Presented presented) {
        String token = presented.token();
        if (token.startsWith(MerchantApiKeys.PREFIX)) {
            return merchantApiKey(token, presented);
        }
        if (token.startsWith(ServiceAccountTokens.PREFIX)) {
            var parsed = ServiceAccountTokens.parse(token)
                    .orElseThrow(() -> new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid"));
            var account = sessions.serviceAccount(parsed.id().value())
                    .orElseThrow(() -> new Refused(Reason.SESSION_REVOKED,
                            "The service account does not exist or was revoked"));
            byte[] presentedHash = Secrets.hash(parsed.secret()).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(presentedHash, account.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
                throw new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid");
            }
            return new CallerAuthentication(new Caller(new OrganisationId(account.organisation()),
                    parsed.id().toString(), CallerKind.SERVICE_ACCOUNT, account.roles(),
                    "service-account-token:" + parsed.id(), null, presented.ip(), presented.userAgent()));
        }
        var claims = tokens.verify(token)
                .orElseThrow(() -> new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid"));
        if (claims.kind() == CallerKind.SERVICE_ACCOUNT) {
            return serviceAccountToken(claims, presented);
        }
        UUID session;
        try {
            session = UUID.fromString(claims.session());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid");
        }
        var roles = sessions.activeRoles(session, claims.member(), claims.organisation())
                .orElseThrow(() -> new Refused(Reason.SESSION_REVOKED, "The session has ended"));
        return new CallerAuthentication(new Caller(new OrganisationId(claims.organisation()), claims.member(),
                CallerKind.MEMBER, roles, claims.credential(), claims.session(), presented.ip(),
                presented.userAgent()));
    }

    /**
     * A merchant API key. Unknown, revoked and expired keys and a wrong secret get the same answer, so the answer does
     * not tell whether a key id exists. The caller is the merchant (subject), the credential the key id.
     */
    private Authentication merchantApiKey(String token, CallerAuthentication.Presented presented) {
        var parsed = MerchantApiKeys.parse(token)
                .orElseThrow(() -> new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid"));
        var key = merchantKeys.active(parsed.keyId())
                .orElseThrow(() -> new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid"));
        byte[] presentedHash = Secrets.hash(parsed.secret()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presentedHash, key.secretHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid");
        }
        merchantKeys.used(key);
        return new CallerAuthentication(new Caller(new OrganisationId(key.organisation()), key.merchant(),
                CallerKind.MERCHANT_API_KEY, java.util.Set.of(), MerchantApiKeys.CREDENTIAL_PREFIX + key.keyId(),
                null, presented.ip(), presented.userAgent()), key.scopes());
    }

    /** An access token obtained with a JWT assertion: the account and the key it was signed with must still stand. */
    private Authentication serviceAccountToken(AccessTokens.Claims claims, CallerAuthentication.Presented presented) {
        UUID account;
        try {
            account = UUID.fromString(claims.member());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.TOKEN_INVALID, "The bearer token is not valid");
        }
        String keyId = claims.credential().substring(AccessTokens.SERVICE_ACCOUNT_KEY_CREDENTIAL.length());
        var entry = sessions.serviceAccountWithKey(account, keyId)
                .filter(found -> found.organisation().equals(claims.organisation()))
                .orElseThrow(() -> new Refused(Reason.SESSION_REVOKED,
                        "The service account or the key its token was obtained with was revoked"));
        return new CallerAuthentication(new Caller(new OrganisationId(entry.organisation()), claims.member(),
                CallerKind.SERVICE_ACCOUNT, entry.roles(), claims.credential(), null, presented.ip(),
                presented.userAgent()));
    }
}

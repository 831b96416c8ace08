package io.custody.infra.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.custody.api.identity.CallerKind;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived access tokens: JWTs signed with ES256 by this application ({@link SigningKeys}), typed {@code at+jwt}
 * (RFC 9068), naming the member ({@code sub}), organisation ({@code org}), session ({@code sid}) and the credential
 * the session was opened with ({@code cid}). A token proves who the caller is; whether the session still stands and
 * which roles the member has today are looked up on every request ({@link Sessions}).
 */
public final class AccessTokens {

    static final String ISSUER = "custody";
    static final String AUDIENCE = "custody-api";
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** Clocks of the issuer and verifier are the same here; a little slack still covers a restart on another host. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** Claim naming the kind of caller; absent in a member's token, {@code SERVICE_ACCOUNT} in a service account's. */
    static final String KIND = "knd";
    /** Credential ({@code cid}) of a service account's token: this prefix and the id of the key it signed with. */
    public static final String SERVICE_ACCOUNT_KEY_CREDENTIAL = "service-account-key:";

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration serviceAccountLifetime;
    /**
     * Tokens whose signature and claims were verified, by their exact text. A client sends the same token with every
     * request of its lifetime, and the ES256 verification was the largest part of authenticating one (13 % of the
     * request threads' CPU in a profile of wallet creation, docs/benchmarks.md). What a hit skips is only what cannot
     * change for the same bytes (the signature, the parsed claims); the key must still be one this server accepts and
     * the token must still be within its lifetime, both checked on every use, and the session or account is looked up
     * by the caller as before (ADR 017).
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /**
     * Entries kept at most ({@code custody.identity.verified-tokens}); past it the cache starts again empty (each
     * token is then verified once more). 0 verifies every use afresh.
     */
    private final int verifiedMax;

    private record Verified(Claims claims, String keyId, ECKey key, Instant notBefore) {
    }

    public AccessTokens(SigningKeys keys, Clock clock, Duration lifetime) {
        this(keys, clock, lifetime, Duration.ofMinutes(5));
    }

    public AccessTokens(SigningKeys keys, Clock clock, Duration lifetime, Duration serviceAccountLifetime) {
        this(keys, clock, lifetime, serviceAccountLifetime, 10_000);
    }

    public AccessTokens(SigningKeys keys, Clock clock, Duration lifetime, Duration serviceAccountLifetime,
                        int verifiedMax) {
        this.verifiedMax = verifiedMax;
        this.keys = keys;
        this.clock = clock;
        this.lifetime = lifetime;
        this.serviceAccountLifetime = serviceAccountLifetime;
    }

    /**
     * What an access token says. For a service account's token {@code member} is the service account's id and
     * {@code session} is null.
     */
    public record Claims(String member, String organisation, String session, String credential, Instant expiresAt,
                         CallerKind kind) {

        public Claims(String member, String organisation, String session, String credential, Instant expiresAt) {
            this(member, organisation, session, credential, expiresAt, CallerKind.MEMBER);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Duration serviceAccountLifetime() {
        return serviceAccountLifetime;
    }

    /**
     * A service account's access token, handed out for a verified JWT assertion (ADR identity-011): no session, the
     * key it was obtained with as credential, and the shorter service account lifetime.
     */
    public String issueForServiceAccount(String serviceAccount, String organisation, String credential) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(serviceAccount)
                .claim("org", organisation)
                .claim("cid", credential)
                .claim(KIND, CallerKind.SERVICE_ACCOUNT.name())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(serviceAccountLifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    public String issue(String member, String organisation, String session, String credential) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(member)
                .claim("org", organisation)
                .claim("sid", session)
                .claim("cid", credential)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.getKeyID()).build(),
                claims);
        try {
            ECDSASigner signer = new ECDSASigner(key);
            signer.getJCAContext().setProvider(SigningKeys.provider());
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a token this server issued and that is valid now, or empty: wrong format, algorithm other than
     * ES256, wrong type, unknown key id, bad signature, wrong issuer or audience, not yet or no longer valid, or a
     * claim missing. The caller is not told which, so the answer cannot be used as an oracle.
     */
    public Optional<Claims> verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            // the same bytes as a token verified before: its key must still be accepted and its lifetime must hold now
            boolean keyAccepted = keys.byId(known.keyId()).filter(known.key()::equals).isPresent();
            if (keyAccepted && withinLifetime(known.notBefore(), known.claims().expiresAt())) {
                return Optional.of(known.claims());
            }
            // expired, or its key retired: forget it (a clock set back may make it valid again; it is then verified
            // afresh like any other token)
            verified.remove(token, known);
            return Optional.empty();
        }
        Optional<Verified> checked = verifyAfresh(token);
        if (checked.isPresent() && verifiedMax > 0) {
            if (verified.size() >= verifiedMax) verified.clear();
            verified.put(token, checked.get());
        }
        return checked.map(Verified::claims);
    }

    private boolean withinLifetime(Instant notBefore, Instant expiresAt) {
        Instant now = clock.instant();
        return now.isBefore(expiresAt.plus(CLOCK_SKEW)) && !now.plus(CLOCK_SKEW).isBefore(notBefore);
    }

    private Optional<Verified> verifyAfresh(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())
                    || header.getKeyID() == null || header.getCriticalParams() != null) {
                return Optional.empty();
            }
            Optional<ECKey> key = keys.byId(header.getKeyID());
            if (key.isEmpty()) return Optional.empty();
            ECDSAVerifier verifier = new ECDSAVerifier(key.get().toECPublicKey());
            verifier.getJCAContext().setProvider(SigningKeys.provider());
            if (!jwt.verify(verifier)) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Date nbf = claims.getNotBeforeTime();
            if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                    || exp == null || nbf == null || !withinLifetime(nbf.toInstant(), exp.toInstant())) {
                return Optional.empty();
            }
            String sub = claims.getSubject();
            String org = claims.getStringClaim("org");
            String sid = claims.getStringClaim("sid");
            String cid = claims.getStringClaim("cid");
            String kind = claims.getStringClaim(KIND);
            if (sub == null || org == null || cid == null) return Optional.empty();
            if (kind == null) {
                // a member's token: always of a session
                if (sid == null) return Optional.empty();
                return Optional.of(new Verified(new Claims(sub, org, sid, cid, exp.toInstant(), CallerKind.MEMBER),
                        header.getKeyID(), key.get(), nbf.toInstant()));
            }
            if (CallerKind.SERVICE_ACCOUNT.name().equals(kind) && sid == null
                    && cid.startsWith(SERVICE_ACCOUNT_KEY_CREDENTIAL)) {
                return Optional.of(new Verified(
                        new Claims(sub, org, null, cid, exp.toInstant(), CallerKind.SERVICE_ACCOUNT),
                        header.getKeyID(), key.get(), nbf.toInstant()));
            }
            return Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

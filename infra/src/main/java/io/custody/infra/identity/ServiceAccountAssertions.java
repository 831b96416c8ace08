package io.custody.infra.identity;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.custody.api.identity.Role;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks a service account's signed JWT assertion (RFC 7523, section 3) before it is exchanged for an access token
 * (ADR identity-011). Every check of the RFC is made, in this order, and the first that fails is the outcome:
 * <ol>
 *   <li>a JWS in compact form whose header names ES256 or EdDSA (never {@code none}, never an HMAC, never anything
 *       else), no {@code crit} parameter, a {@code kid}, and a {@code typ} that is absent or {@code JWT};</li>
 *   <li>{@code iss} and {@code sub} both the service account's id (the account authenticates as itself);</li>
 *   <li>the account exists and is not revoked; {@code kid} is one of its registered keys and not revoked;</li>
 *   <li>the header's algorithm is the one algorithm of that key (so no key is ever used with an algorithm it was not
 *       registered for: no algorithm confusion); the signature verifies with that key;</li>
 *   <li>{@code aud} names this server (one of the configured audiences);</li>
 *   <li>{@code exp} is present and not passed, {@code nbf} and {@code iat} (optional) not in the future, and the
 *       assertion lives at most {@code maxLifetime} (from {@code iat}, or from now when there is none);</li>
 *   <li>{@code jti} is present and used for the first time: it is recorded until the assertion expires.</li>
 * </ol>
 * The caller is told none of this (one answer, {@code ASSERTION_INVALID}); the outcome names the failed check for the
 * log and for tests.
 */
public final class ServiceAccountAssertions {

    /** RFC 7523, section 2.1. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final int MAX_JTI_LENGTH = 256;

    /** Which check refused an assertion. */
    public enum Check {
        MALFORMED, ALGORITHM_NOT_ALLOWED, CRITICAL_HEADER, TYPE_NOT_JWT, KEY_ID_MISSING, ISSUER_NOT_SUBJECT,
        ACCOUNT_UNKNOWN_OR_REVOKED, KEY_UNKNOWN_OR_REVOKED, ALGORITHM_NOT_THE_KEYS, SIGNATURE_INVALID,
        AUDIENCE_NOT_THIS_SERVER, EXPIRY_MISSING, EXPIRED, NOT_YET_VALID, LIFETIME_TOO_LONG, JTI_MISSING, REPLAYED
    }

    /** What the check of an assertion came to. */
    public sealed interface Outcome {
        record Accepted(UUID serviceAccount, String organisation, Set<Role> roles, String keyId)
                implements Outcome {
        }

        record Refused(Check check) implements Outcome {
        }
    }

    /** An active (not revoked) service account. */
    public record Account(String organisation, Set<Role> roles) {
    }

    /** An active key of a service account: its algorithm and public JWK. */
    public record Key(String algorithm, String publicJwk) {
    }

    /** Where accounts, keys and the ids of used assertions are kept. */
    public interface Directory {
        Optional<Account> activeAccount(UUID serviceAccount);

        Optional<Key> activeKey(UUID serviceAccount, String keyId);

        /** Records {@code jti} as used until {@code keepUntil}; false when it was recorded already. */
        boolean firstUse(UUID serviceAccount, String jti, Instant keepUntil);
    }

    private final Directory directory;
    private final Clock clock;
    private final Set<String> audiences;
    private final Duration maxLifetime;

    public ServiceAccountAssertions(Directory directory, Clock clock, Set<String> audiences, Duration maxLifetime) {
        if (audiences.isEmpty()) throw new IllegalArgumentException("at least one audience is accepted");
        this.directory = directory;
        this.clock = clock;
        this.audiences = Set.copyOf(audiences);
        this.maxLifetime = maxLifetime;
    }

    public Set<String> audiences() {
        return audiences;
    }

    public Outcome verify(String assertion) {
        // 1. the header, read before anything is parsed as a JWS, so that "none" and HMAC are refused by name
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return refused(Check.MALFORMED);
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | RuntimeException e) {
            return refused(Check.MALFORMED);
        }
        if (!(header instanceof JWSHeader jws) || !allowed(jws.getAlgorithm())) {
            return refused(Check.ALGORITHM_NOT_ALLOWED);
        }
        if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
            return refused(Check.CRITICAL_HEADER);
        }
        if (jws.getType() != null && !JOSEObjectType.JWT.equals(jws.getType())) {
            return refused(Check.TYPE_NOT_JWT);
        }
        if (jws.getKeyID() == null || jws.getKeyID().isEmpty()) {
            return refused(Check.KEY_ID_MISSING);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return refused(Check.MALFORMED);
        }
        // 2. who
        UUID account;
        try {
            String iss = claims.getIssuer();
            if (iss == null || !iss.equals(claims.getSubject())) return refused(Check.ISSUER_NOT_SUBJECT);
            account = UUID.fromString(iss);
            if (!account.toString().equals(iss)) return refused(Check.ISSUER_NOT_SUBJECT);
        } catch (IllegalArgumentException e) {
            return refused(Check.ISSUER_NOT_SUBJECT);
        }
        // 3. with which key
        Optional<Account> active = directory.activeAccount(account);
        if (active.isEmpty()) return refused(Check.ACCOUNT_UNKNOWN_OR_REVOKED);
        Optional<Key> key = directory.activeKey(account, jws.getKeyID());
        if (key.isEmpty()) return refused(Check.KEY_UNKNOWN_OR_REVOKED);
        // 4. the key's own algorithm, and its signature
        if (!key.get().algorithm().equals(family(jws.getAlgorithm()))) return refused(Check.ALGORITHM_NOT_THE_KEYS);
        if (!signatureVerifies(jwt, key.get())) return refused(Check.SIGNATURE_INVALID);
        // 5. for this server
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains)) return refused(Check.AUDIENCE_NOT_THIS_SERVER);
        // 6. now, and briefly
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) return refused(Check.EXPIRY_MISSING);
        Instant expires = exp.toInstant();
        if (!now.isBefore(expires.plus(AccessTokens.CLOCK_SKEW))) return refused(Check.EXPIRED);
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if (nbf != null && now.plus(AccessTokens.CLOCK_SKEW).isBefore(nbf.toInstant())
                || iat != null && now.plus(AccessTokens.CLOCK_SKEW).isBefore(iat.toInstant())) {
            return refused(Check.NOT_YET_VALID);
        }
        Instant from = iat == null ? now : iat.toInstant();
        if (Duration.between(from, expires).compareTo(maxLifetime.plus(AccessTokens.CLOCK_SKEW)) > 0) {
            return refused(Check.LIFETIME_TOO_LONG);
        }
        // 7. once
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) return refused(Check.JTI_MISSING);
        if (!directory.firstUse(account, jti, expires.plus(AccessTokens.CLOCK_SKEW))) return refused(Check.REPLAYED);
        return new Outcome.Accepted(account, active.get().organisation(), active.get().roles(), jws.getKeyID());
    }

    private static Outcome refused(Check check) {
        return new Outcome.Refused(check);
    }

    private static boolean allowed(JWSAlgorithm algorithm) {
        return family(algorithm) != null;
    }

    /** The registered algorithm a JWS algorithm belongs to: ES256, or EdDSA (also under its RFC 9864 name). */
    private static String family(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.ES256.equals(algorithm)) return "ES256";
        if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) return "EdDSA";
        return null;
    }

    private static boolean signatureVerifies(SignedJWT jwt, Key key) {
        try {
            if ("ES256".equals(key.algorithm())) {
                ECDSAVerifier verifier = new ECDSAVerifier(ECKey.parse(key.publicJwk()).toECPublicKey(
                        SigningKeys.provider()));
                verifier.getJCAContext().setProvider(SigningKeys.provider());
                return jwt.verify(verifier);
            }
            if ("EdDSA".equals(key.algorithm())) {
                byte[] publicKey = OctetKeyPair.parse(key.publicJwk()).getDecodedX();
                byte[] signature = jwt.getSignature().decode();
                if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) return false;
                Ed25519Signer verifier = new Ed25519Signer();
                verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
                byte[] input = jwt.getSigningInput();
                verifier.update(input, 0, input.length);
                return verifier.verifySignature(signature);
            }
            return false;
        } catch (JOSEException | ParseException | RuntimeException e) {
            return false;
        }
    }
}

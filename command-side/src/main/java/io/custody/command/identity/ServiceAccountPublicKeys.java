package io.custody.command.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The public keys a service account may sign its JWT assertions with, as JSON Web Keys (RFC 7517): P-256 for ES256
 * ({@code {"kty":"EC","crv":"P-256","x","y"}}) or Ed25519 for EdDSA ({@code {"kty":"OKP","crv":"Ed25519","x"}}).
 * A key is checked before it is accepted (the EC point lies on P-256; the Ed25519 point decodes and is not of small
 * order, BouncyCastle's full validation), a JWK carrying a private part ({@code d}) is refused outright, and what is
 * kept is the key's canonical form of RFC 7638 with its thumbprint as id, so the same key always has the same id.
 */
public final class ServiceAccountPublicKeys {

    public static final String ES256 = "ES256";
    public static final String EDDSA = "EdDSA";

    private static final X9ECParameters P256 = NISTNamedCurves.getByName("P-256");

    private ServiceAccountPublicKeys() {
    }

    /** An accepted key: its RFC 7638 thumbprint, the one algorithm it may be used with, and its canonical JWK. */
    public record PublicKey(String keyId, String algorithm, String canonicalJwk) {
    }

    /** Either the accepted key or the problems found (never both). */
    public record Parsed(PublicKey key, List<String> problems) {
    }

    public static Parsed parse(Map<String, ?> jwk) {
        List<String> problems = new ArrayList<>();
        if (jwk == null || jwk.isEmpty()) {
            return new Parsed(null, List.of("is required: a public JSON Web Key (EC P-256 or OKP Ed25519)"));
        }
        if (jwk.containsKey("d")) {
            return new Parsed(null, List.of("holds a private key (member d); send only the public key, and treat the "
                    + "private key as exposed"));
        }
        String kty = text(jwk, "kty");
        String crv = text(jwk, "crv");
        Object alg = jwk.get("alg");
        if ("EC".equals(kty) && "P-256".equals(crv)) {
            if (alg != null && !ES256.equals(alg)) problems.add("alg must be ES256 for a P-256 key");
            byte[] x = coordinate(jwk, "x", problems);
            byte[] y = coordinate(jwk, "y", problems);
            if (x != null && y != null && !onP256(x, y)) problems.add("x and y are not a point of P-256");
            if (!problems.isEmpty()) return new Parsed(null, problems);
            String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + text(jwk, "x") + "\",\"y\":\""
                    + text(jwk, "y") + "\"}";
            return new Parsed(new PublicKey(thumbprint(canonical), ES256, canonical), List.of());
        }
        if ("OKP".equals(kty) && "Ed25519".equals(crv)) {
            if (alg != null && !EDDSA.equals(alg) && !"Ed25519".equals(alg)) {
                problems.add("alg must be EdDSA for an Ed25519 key");
            }
            byte[] x = coordinate(jwk, "x", problems);
            if (x != null && !Ed25519.validatePublicKeyFull(x, 0)) {
                problems.add("x is not a valid Ed25519 public key");
            }
            if (!problems.isEmpty()) return new Parsed(null, problems);
            String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + text(jwk, "x") + "\"}";
            return new Parsed(new PublicKey(thumbprint(canonical), EDDSA, canonical), List.of());
        }
        return new Parsed(null, List.of("must be an EC key on P-256 (ES256) or an OKP key on Ed25519 (EdDSA)"));
    }

    /** RFC 7638: SHA-256 of the canonical JSON, unpadded base64url. */
    static String thumbprint(String canonicalJwk) {
        byte[] input = canonicalJwk.getBytes(StandardCharsets.UTF_8);
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static boolean onP256(byte[] x, byte[] y) {
        try {
            ECPoint point = P256.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
            return !point.isInfinity() && point.isValid();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A 32-byte value in unpadded base64url, in its one canonical spelling (so the thumbprint is unique). */
    private static byte[] coordinate(Map<String, ?> jwk, String member, List<String> problems) {
        String value = text(jwk, member);
        if (value == null || !value.matches("[A-Za-z0-9_-]{43}")) {
            problems.add(member + " must be 32 bytes in unpadded base64url");
            return null;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(value);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(value)) {
            problems.add(member + " is not in canonical base64url");
            return null;
        }
        return bytes;
    }

    private static String text(Map<String, ?> jwk, String member) {
        return jwk.get(member) instanceof String s ? s : null;
    }
}

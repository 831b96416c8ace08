package io.custody.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class ServiceAccountPublicKeysTest {

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, Object> p256() {
        var curve = NISTNamedCurves.getByName("P-256");
        ECPoint point = curve.getG().multiply(new BigInteger(255, new SecureRandom()).add(BigInteger.ONE)).normalize();
        Map<String, Object> jwk = new HashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", b64(BigIntegers.asUnsignedByteArray(32, point.getAffineXCoord().toBigInteger())));
        jwk.put("y", b64(BigIntegers.asUnsignedByteArray(32, point.getAffineYCoord().toBigInteger())));
        return jwk;
    }

    @Test
    void the_key_id_is_the_rfc_7638_thumbprint_of_the_rfc_8037_example_key() {
        // RFC 8037, appendix A.3: the thumbprint of the example Ed25519 public key
        var parsed = ServiceAccountPublicKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519",
                "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.key().keyId()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
        assertThat(parsed.key().algorithm()).isEqualTo("EdDSA");
        assertThat(parsed.key().canonicalJwk())
                .isEqualTo("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    }

    @Test
    void a_p256_key_is_accepted_for_es256_and_optional_members_do_not_change_its_id() {
        Map<String, Object> jwk = p256();
        var plain = ServiceAccountPublicKeys.parse(jwk);
        assertThat(plain.problems()).isEmpty();
        assertThat(plain.key().algorithm()).isEqualTo("ES256");
        jwk.put("alg", "ES256");
        jwk.put("kid", "my-name-for-it");
        jwk.put("use", "sig");
        assertThat(ServiceAccountPublicKeys.parse(jwk).key()).isEqualTo(plain.key());
    }

    @Test
    void a_private_key_is_refused() {
        Map<String, Object> jwk = p256();
        jwk.put("d", b64(new byte[32]));
        assertThat(ServiceAccountPublicKeys.parse(jwk).key()).isNull();
        assertThat(ServiceAccountPublicKeys.parse(jwk).problems()).singleElement().asString().contains("private");
    }

    @Test
    void a_point_off_the_curve_or_a_bad_coordinate_is_refused() {
        Map<String, Object> jwk = p256();
        byte[] y = Base64.getUrlDecoder().decode((String) jwk.get("y"));
        y[31] ^= 1;
        jwk.put("y", b64(y));
        assertThat(ServiceAccountPublicKeys.parse(jwk).problems()).singleElement().asString().contains("not a point");
        Map<String, Object> shortX = p256();
        shortX.put("x", b64(new byte[31]));
        assertThat(ServiceAccountPublicKeys.parse(shortX).key()).isNull();
        Map<String, Object> padded = p256();
        padded.put("x", padded.get("x") + "=");
        assertThat(ServiceAccountPublicKeys.parse(padded).key()).isNull();
    }

    @Test
    void a_small_order_ed25519_point_and_unsupported_keys_are_refused() {
        // the identity point (y = 1) encodes as 0x01 followed by zeros: a valid encoding of a point of order 1
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertThat(ServiceAccountPublicKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", b64(identity))).key())
                .isNull();
        byte[] real = new Ed25519PrivateKeyParameters(new SecureRandom()).generatePublicKey().getEncoded();
        assertThat(ServiceAccountPublicKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", b64(real))).key())
                .isNotNull();
        assertThat(ServiceAccountPublicKeys.parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", b64(real),
                "alg", "ES256")).key()).isNull();
        assertThat(ServiceAccountPublicKeys.parse(Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB")).key()).isNull();
        assertThat(ServiceAccountPublicKeys.parse(Map.of("kty", "EC", "crv", "P-384", "x", "a", "y", "b")).key())
                .isNull();
        assertThat(ServiceAccountPublicKeys.parse(Map.of()).key()).isNull();
        assertThat(ServiceAccountPublicKeys.parse(null).key()).isNull();
    }
}

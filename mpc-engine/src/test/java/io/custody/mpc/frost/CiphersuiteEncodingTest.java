package io.custody.mpc.frost;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bouncycastle.util.encoders.Hex.decode;

class CiphersuiteEncodingTest {

    static final Ciphersuite ED = Ed25519Sha512.INSTANCE;
    static final Ciphersuite K1 = Secp256k1Sha256.INSTANCE;

    @Test
    void ed25519_base_point_encodes_as_in_rfc_8032() {
        assertThat(org.bouncycastle.util.encoders.Hex.toHexString(ED.serializeElement(ED.generator())))
                .isEqualTo("5866666666666666666666666666666666666666666666666666666666666666");
    }

    @Test
    void ed25519_encoding_round_trips_for_random_points() {
        for (int i = 0; i < 50; i++) {
            var p = ED.multiplyBase(ED.randomScalar(FrostTestSupport.RANDOM));
            assertThat(ED.deserializeElement(ED.serializeElement(p))).isEqualTo(p);
        }
    }

    @Test
    void ed25519_rejects_identity_encoding() {
        assertThatThrownBy(() -> ED.deserializeElement(decode(
                "0100000000000000000000000000000000000000000000000000000000000000")))
                .isInstanceOf(EncodingException.class);
    }

    @Test
    void ed25519_rejects_non_canonical_y() {
        // y = p encodes zero non-canonically.
        assertThatThrownBy(() -> ED.deserializeElement(decode(
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")))
                .isInstanceOf(EncodingException.class);
    }

    @Test
    void ed25519_rejects_negative_zero_x() {
        // y = 1 with the sign bit set: x = 0 cannot be negative.
        assertThatThrownBy(() -> ED.deserializeElement(decode(
                "0100000000000000000000000000000000000000000000000000000000000080")))
                .isInstanceOf(EncodingException.class);
    }

    @Test
    void ed25519_rejects_mixed_order_point() {
        // generator + point of order two is on the curve but outside the prime-order subgroup.
        byte[] orderTwo = decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var t = Edwards25519Codec.decode(orderTwo);
        var mixed = ED.generator().add(t).normalize();
        byte[] enc = Edwards25519Codec.encode(mixed);
        assertThatThrownBy(() -> ED.deserializeElement(enc)).isInstanceOf(EncodingException.class)
                .hasMessageContaining("prime-order");
    }

    @Test
    void stored_element_decoding_still_rejects_points_off_the_curve_and_the_identity() {
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        assertThatThrownBy(() -> ED.deserializeStoredElement(notOnCurve)).isInstanceOf(EncodingException.class);
        assertThatThrownBy(() -> ED.deserializeStoredElement(decode(
                "0100000000000000000000000000000000000000000000000000000000000000"))).isInstanceOf(EncodingException.class);
        var g = ED.generator().normalize();
        assertThat(ED.deserializeStoredElement(ED.serializeElement(g))).isEqualTo(g);
    }

    @Test
    void ed25519_rejects_unreduced_scalar() {
        byte[] l = ED.serializeScalar(BigInteger.ZERO);
        byte[] order = decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        assertThat(ED.deserializeScalar(l)).isZero();
        assertThatThrownBy(() -> ED.deserializeScalar(order)).isInstanceOf(EncodingException.class);
    }

    @Test
    void secp256k1_rejects_uncompressed_prefix_and_x_not_on_curve() {
        byte[] g = K1.serializeElement(K1.generator());
        byte[] wrongPrefix = g.clone();
        wrongPrefix[0] = 4;
        assertThatThrownBy(() -> K1.deserializeElement(wrongPrefix)).isInstanceOf(EncodingException.class);
        byte[] x5 = new byte[33];
        x5[0] = 2;
        x5[32] = 5; // x = 5: 5^3 + 7 = 132 is not a square mod p
        assertThatThrownBy(() -> K1.deserializeElement(x5)).isInstanceOf(EncodingException.class);
        assertThat(K1.deserializeElement(g)).isEqualTo(K1.generator().normalize());
    }

    @Test
    void secp256k1_rejects_unreduced_scalar() {
        byte[] n = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, K1.order());
        assertThatThrownBy(() -> K1.deserializeScalar(n)).isInstanceOf(EncodingException.class);
    }

    @Test
    void expand_message_xmd_matches_rfc_9380_vector() {
        // RFC 9380 K.1, expand_message_xmd(SHA-256), msg = "", len_in_bytes = 0x20.
        byte[] dst = "QUUX-V01-CS02-with-expander-SHA256-128".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(org.bouncycastle.util.encoders.Hex.toHexString(ExpandMessageXmd.expand(new byte[0], dst, 32)))
                .isEqualTo("68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235");
    }
}

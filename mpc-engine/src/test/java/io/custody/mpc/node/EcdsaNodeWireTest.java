package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The versioned encodings the ECDSA node layer adds: sign request, presignature reference, key, signature. */
class EcdsaNodeWireTest {

    static final byte[] R = Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(12345)));

    @Test
    void sign_request_survives_its_byte_form() {
        EcdsaSignRequest r = new EcdsaSignRequest("presign-42ab", MessageDigest.SHA_256, List.of(0, 5, 9),
                new byte[] {1, 2, 3});
        assertThat(EcdsaSignRequest.decode(r.encode())).isEqualTo(r);
    }

    @Test
    void sign_request_of_another_version_with_trailing_bytes_or_truncated_is_refused() {
        byte[] good = new EcdsaSignRequest("presign-42ab", MessageDigest.KECCAK_256, List.of(), new byte[] {9}).encode();
        byte[] version = good.clone();
        version[0] = 2;
        assertThatThrownBy(() -> EcdsaSignRequest.decode(version)).hasMessageContaining("version");
        assertThatThrownBy(() -> EcdsaSignRequest.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignRequest.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sign_request_with_a_hardened_index_or_unknown_digest_is_refused() {
        assertThatThrownBy(() -> new EcdsaSignRequest("presign-42ab", MessageDigest.KECCAK_256,
                List.of(Integer.MIN_VALUE), new byte[0])).hasMessageContaining("hardened");
        byte[] good = new EcdsaSignRequest("presign-42ab", MessageDigest.KECCAK_256, List.of(), new byte[0]).encode();
        byte[] digest = good.clone();
        digest[1 + 2 + "presign-42ab".length()] = 9;
        assertThatThrownBy(() -> EcdsaSignRequest.decode(digest)).hasMessageContaining("digest");
    }

    @Test
    void presignature_reference_survives_its_byte_form_and_refuses_a_bad_point() {
        PresignatureRef ref = new PresignatureRef("0f0e0d0c-1111", List.of(3, 1), R);
        assertThat(PresignatureRef.decode(ref.encode())).isEqualTo(ref);
        assertThat(ref.signers()).containsExactly(1, 3);
        byte[] bad = ref.encode();
        bad[bad.length - 33] = 5;
        assertThatThrownBy(() -> PresignatureRef.decode(bad)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PresignatureRef.decode(Arrays.copyOf(ref.encode(), ref.encode().length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void public_key_and_signature_have_fixed_lengths_and_ranges() {
        assertThat(EcdsaPublicKey.decode(new EcdsaPublicKey(R, new byte[32]).encode()).compressedKey()).isEqualTo(R);
        assertThatThrownBy(() -> EcdsaPublicKey.decode(new byte[64])).hasMessageContaining("65");
        RecoverableSignature sig = new RecoverableSignature(BigInteger.TWO, BigInteger.TEN, 1);
        assertThat(RecoverableSignature.decode(sig.encode())).isEqualTo(sig);
        assertThatThrownBy(() -> new RecoverableSignature(Secp256k1.Q, BigInteger.ONE, 0))
                .hasMessageContaining("r out of range");
    }
}

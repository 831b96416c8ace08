package io.custody.mpc.node;

import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.Secp256k1Sha256;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureCheckTest {

    final SignatureCheck ed = SignatureCheck.frost().get(Ed25519Sha512.INSTANCE.protocolName());
    final SignatureCheck k1 = SignatureCheck.frost().get(Secp256k1Sha256.INSTANCE.protocolName());

    @Test
    void ed25519_check_accepts_a_standard_signature_and_rejects_an_altered_one() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] msg = {1, 2, 3};
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(msg, 0, msg.length);
        byte[] sig = s.generateSignature();
        byte[] pk = key.generatePublicKey().getEncoded();
        assertThat(ed.verifies(pk, msg, sig)).isTrue();
        sig[10] ^= 1;
        assertThat(ed.verifies(pk, msg, sig)).isFalse();
        assertThat(ed.verifies(pk, msg, new byte[63])).isFalse();
    }

    @Test
    void secp256k1_check_rejects_malformed_bytes_instead_of_throwing() {
        byte[] pk = Secp256k1Sha256.INSTANCE.serializeElement(Secp256k1Sha256.INSTANCE.generator());
        assertThat(k1.verifies(pk, new byte[] {1}, new byte[65])).isFalse();
        assertThat(k1.verifies(pk, new byte[] {1}, new byte[3])).isFalse();
    }
}

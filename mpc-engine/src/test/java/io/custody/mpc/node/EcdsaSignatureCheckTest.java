package io.custody.mpc.node;

import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's ECDSA check, fed single-key signatures made by BouncyCastle (the check cannot tell them from
 * threshold ones, which is the point): the genuine one passes, every forged or malformed variant fails.
 */
class EcdsaSignatureCheckTest {

    static final BigInteger SECRET = new BigInteger("1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcd", 16);
    static final byte[] CHAIN_CODE = new byte[32];
    static final List<Integer> PATH = List.of(1, 2);
    static final EcdsaSignatureCheck CHECK = new EcdsaSignatureCheck();

    static {
        CHAIN_CODE[0] = 7;
    }

    static byte[] groupKey() {
        return new EcdsaPublicKey(Secp256k1.encode(Secp256k1.mulG(SECRET)), CHAIN_CODE).encode();
    }

    static byte[] request(String text, List<Integer> path) {
        return new EcdsaSignRequest("presign-0001", MessageDigest.KECCAK_256, path,
                text.getBytes(StandardCharsets.UTF_8)).encode();
    }

    /** A low-s signature by the derived child key with its correct recovery id. */
    static RecoverableSignature sign(String text) {
        ECPoint root = Secp256k1.mulG(SECRET);
        BigInteger child = SECRET.add(Bip32.derive(root, CHAIN_CODE, PATH).tweak()).mod(Secp256k1.Q);
        byte[] digest = MessageDigest.KECCAK_256.digest(text.getBytes(StandardCharsets.UTF_8));
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(child, new ECDomainParameters(Secp256k1.PARAMS)));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1].min(Secp256k1.Q.subtract(rs[1]));
        for (int v = 0; v < 2; v++) {
            RecoverableSignature candidate = new RecoverableSignature(rs[0], s, v);
            if (CHECK.verifies(groupKey(), request(text, PATH), candidate.encode())) return candidate;
        }
        throw new AssertionError("no recovery id recovers the key");
    }

    @Test
    void accepts_a_low_s_signature_by_the_derived_key_with_its_recovery_id() {
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), sign("pay").encode())).isTrue();
    }

    @Test
    void rejects_a_signature_over_another_message() {
        assertThat(CHECK.verifies(groupKey(), request("pay more", PATH), sign("pay").encode())).isFalse();
    }

    @Test
    void rejects_a_signature_checked_under_another_derivation_path() {
        assertThat(CHECK.verifies(groupKey(), request("pay", List.of(1, 3)), sign("pay").encode())).isFalse();
    }

    @Test
    void rejects_the_wrong_recovery_id() {
        RecoverableSignature good = sign("pay");
        RecoverableSignature flipped = new RecoverableSignature(good.r(), good.s(), 1 - good.v());
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), flipped.encode())).isFalse();
    }

    @Test
    void rejects_the_high_s_twin_of_a_valid_signature() {
        RecoverableSignature good = sign("pay");
        RecoverableSignature high = new RecoverableSignature(good.r(), Secp256k1.Q.subtract(good.s()), 1 - good.v());
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), high.encode())).isFalse();
    }

    @Test
    void rejects_malformed_signature_key_and_request_bytes_without_throwing() {
        byte[] sig = sign("pay").encode();
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), java.util.Arrays.copyOf(sig, 64))).isFalse();
        byte[] badV = sig.clone();
        badV[64] = 2;
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), badV)).isFalse();
        byte[] zeroR = sig.clone();
        java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
        assertThat(CHECK.verifies(groupKey(), request("pay", PATH), zeroR)).isFalse();
        byte[] offCurve = groupKey();
        offCurve[0] = 4;
        assertThat(CHECK.verifies(offCurve, request("pay", PATH), sig)).isFalse();
        byte[] req = request("pay", PATH);
        req[0] = 2;
        assertThat(CHECK.verifies(groupKey(), req, sig)).isFalse();
    }
}

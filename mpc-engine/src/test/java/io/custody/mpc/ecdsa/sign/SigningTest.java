package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.bip32.Bip32;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Execution(ExecutionMode.CONCURRENT)
class SigningTest {

    private static final byte[] TX = "transfer 1000000 base units to 0xabc".getBytes(StandardCharsets.UTF_8);

    private static void signAndCheck(String sid, List<KeyShare> shares, List<Integer> signers, List<Integer> path) {
        List<Presignature> pre = Signing.presign(sid + "-pre", shares, signers);
        SignRequest request = new SignRequest(TX, MessageDigest.KECCAK_256, path);
        List<EcdsaSignature> sigs = Signing.sign(sid + "-sign", pre, request);
        var expectedKey = Bip32.derive(shares.get(0).publicKey(), shares.get(0).chainCode(), path).publicKey();
        for (EcdsaSignature s : sigs) {
            assertThat(s.r()).isEqualTo(sigs.get(0).r());
            assertThat(s.s()).isEqualTo(sigs.get(0).s());
            IndependentVerifier.assertValidEthereumSignature(s, TX, expectedKey);
        }
    }

    @Test
    void two_of_three_signs_with_any_pair_and_the_signature_recovers_to_the_address() {
        signAndCheck("2of3-a", SharedKeys.twoOfThree(), List.of(1, 3), List.of());
        signAndCheck("2of3-b", SharedKeys.twoOfThree(), List.of(2, 3), List.of());
    }

    @Test
    void three_of_five_signs_for_a_derived_address() {
        signAndCheck("3of5", SharedKeys.threeOfFive(), List.of(2, 4, 5), List.of(0, 7));
    }

    @Test
    void four_of_six_signs() {
        // the larger set: its own key generation over six 2048-bit Paillier moduli
        List<KeyShare> shares = SharedKeys.keygen(6, 3, 8, 203);
        signAndCheck("4of6", shares, List.of(1, 2, 4, 6), List.of(5));
    }

    @Test
    void a_presignature_signs_at_most_once() {
        List<Presignature> pre = Signing.presign("once-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        SignRequest request = new SignRequest(TX, MessageDigest.KECCAK_256, List.of());
        Signing.sign("once-1", pre, request);
        assertThat(pre.get(0).isConsumed()).isTrue();
        assertThatThrownBy(() -> new SignParty("once-2", pre.get(0), request, TestIdentities.keys(1)))
                .isInstanceOf(Presignature.PresignatureReusedException.class);
    }

    @Test
    void presignature_to_string_prints_no_secret() {
        List<Presignature> pre = Signing.presign("tostring-pre", SharedKeys.twoOfThree(), List.of(1, 2));
        assertThat(pre.get(0).toString()).contains("redacted");
        java.math.BigInteger[] secrets = pre.get(0).consume();
        assertThat(pre.get(0).toString()).doesNotContain(secrets[0].toString()).doesNotContain(secrets[1].toString());
    }
}

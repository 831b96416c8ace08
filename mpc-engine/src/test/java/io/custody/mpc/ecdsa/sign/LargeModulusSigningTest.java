package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.dkg.KeygenParty;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configurable modulus size: key generation, presigning and signing with 3072-bit Paillier and ring-Pedersen
 * moduli (from the committed 1536-bit fixture safe primes). Nothing in the protocol is sized for 2048 bits only.
 */
class LargeModulusSigningTest {

    @Test
    void two_of_three_signs_with_3072_bit_paillier_moduli() {
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            parties.add(KeygenParty.keygen("keygen-3072", i, 3, 1, FixturePrimes.paillier3072(i - 1), TestIdentities.keys(i),
                    TestRandom.seeded(3072L + i)));
        }
        List<KeyShare> shares = LocalNetwork.results(new LocalNetwork<>(parties).run());
        for (KeyShare s : shares) {
            s.paillierKeys().values().forEach(k -> assertThat(k.n().bitLength()).isEqualTo(3072));
            s.ringPedersenParams().values().forEach(rp -> assertThat(rp.n().bitLength()).isEqualTo(3072));
        }
        byte[] message = "withdraw 25 USDC to 0xabc".getBytes(StandardCharsets.UTF_8);
        List<Presignature> pre = Signing.presign("presign-3072", shares, List.of(1, 3));
        List<EcdsaSignature> sigs = Signing.sign("sign-3072", pre,
                new SignRequest(message, MessageDigest.KECCAK_256, List.of(4)));
        var expected = io.custody.mpc.ecdsa.bip32.Bip32.derive(shares.get(0).publicKey(), shares.get(0).chainCode(),
                List.of(4)).publicKey();
        for (EcdsaSignature s : sigs) IndependentVerifier.assertValidEthereumSignature(s, message, expected);
    }
}

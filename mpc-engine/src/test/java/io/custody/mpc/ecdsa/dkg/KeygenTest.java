package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.SharedKeys;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeygenTest {

    static BigInteger lagrangeAtZero(List<Integer> set, int i) {
        BigInteger q = Secp256k1.Q;
        BigInteger num = BigInteger.ONE;
        BigInteger den = BigInteger.ONE;
        for (int j : set) {
            if (j == i) continue;
            num = num.multiply(BigInteger.valueOf(j)).mod(q);
            den = den.multiply(BigInteger.valueOf(j - i)).mod(q);
        }
        return num.multiply(den.modInverse(q)).mod(q);
    }

    static void assertAnyThresholdSetReconstructsTheKey(List<KeyShare> shares, List<Integer> subset) {
        BigInteger x = BigInteger.ZERO;
        for (int i : subset) {
            x = x.add(lagrangeAtZero(subset, i).multiply(shares.get(i - 1).secretShare()));
        }
        assertThat(Secp256k1.mulG(x.mod(Secp256k1.Q))).isEqualTo(shares.get(0).publicKey());
    }

    @Test
    void two_of_three_parties_agree_on_key_shares_and_chain_code() {
        List<KeyShare> shares = SharedKeys.twoOfThree();
        assertThat(shares).hasSize(3);
        for (KeyShare s : shares) {
            assertThat(s.publicKey()).isEqualTo(shares.get(0).publicKey());
            assertThat(s.chainCode()).isEqualTo(shares.get(0).chainCode());
            assertThat(s.publicShares()).isEqualTo(shares.get(0).publicShares());
            assertThat(Secp256k1.mulG(s.secretShare())).isEqualTo(s.publicShare(s.partyIndex()));
            assertThat(s.paillierKeys().keySet()).containsExactly(1, 2, 3);
        }
        assertAnyThresholdSetReconstructsTheKey(shares, List.of(1, 2));
        assertAnyThresholdSetReconstructsTheKey(shares, List.of(2, 3));
        assertAnyThresholdSetReconstructsTheKey(shares, List.of(1, 3));
    }

    @Test
    void three_of_five_shares_reconstruct_from_any_three_but_not_from_two() {
        List<KeyShare> shares = SharedKeys.threeOfFive();
        assertAnyThresholdSetReconstructsTheKey(shares, List.of(1, 2, 3));
        assertAnyThresholdSetReconstructsTheKey(shares, List.of(2, 4, 5));
        BigInteger two = lagrangeAtZero(List.of(1, 2), 1).multiply(shares.get(0).secretShare())
                .add(lagrangeAtZero(List.of(1, 2), 2).multiply(shares.get(1).secretShare()));
        ECPoint wrong = Secp256k1.mulG(two.mod(Secp256k1.Q));
        assertThat(wrong).isNotEqualTo(shares.get(0).publicKey());
    }

    @Test
    void key_share_to_string_prints_no_secret() {
        KeyShare s = SharedKeys.twoOfThree().get(0);
        assertThat(s.toString()).doesNotContain(s.secretShare().toString(16)).doesNotContain(s.secretShare().toString())
                .contains("redacted");
        assertThat(s.paillierSecret().toString()).doesNotContain(s.paillierSecret().p().toString());
    }
}

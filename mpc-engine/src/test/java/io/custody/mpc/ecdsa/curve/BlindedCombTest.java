package io.custody.mpc.ecdsa.curve;

import io.custody.mpc.ecdsa.fixtures.TestRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The blinded comb multiplies exactly like BouncyCastle's default multiplier, on G and on any point. */
class BlindedCombTest {

    private final SecureRandom random = TestRandom.seeded(43);

    private List<BigInteger> scalars() {
        BigInteger q = Secp256k1.Q;
        List<BigInteger> out = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, q.subtract(BigInteger.ONE),
                q.add(BigInteger.ONE), q.shiftLeft(3).add(BigInteger.valueOf(5)), BigInteger.valueOf(-3)));
        for (int i = 0; i < 6; i++) out.add(Secp256k1.randomScalar(random));
        return out;
    }

    @Test
    void the_blinded_comb_on_g_gives_the_same_points_as_the_default_multiplier() {
        for (BigInteger k : scalars()) {
            assertThat(Secp256k1.mulG(k)).as(k.toString(16)).isEqualTo(Secp256k1.G.multiply(k.mod(Secp256k1.Q)).normalize());
        }
    }

    @Test
    void the_blinded_comb_on_an_arbitrary_point_gives_the_same_points_as_the_default_multiplier() {
        ECPoint base = Secp256k1.G.multiply(Secp256k1.randomScalar(random)).normalize();
        for (BigInteger k : scalars()) {
            assertThat(Secp256k1.mulSecret(base, k)).as(k.toString(16))
                    .isEqualTo(base.multiply(k.mod(Secp256k1.Q)).normalize());
        }
    }

    @Test
    void a_multiple_of_the_group_order_gives_the_identity() {
        assertThat(Secp256k1.mulG(Secp256k1.Q).isInfinity()).isTrue();
        assertThat(Secp256k1.mulG(BigInteger.ZERO).isInfinity()).isTrue();
    }
}

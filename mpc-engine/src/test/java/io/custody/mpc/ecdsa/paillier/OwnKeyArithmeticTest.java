package io.custody.mpc.ecdsa.paillier;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import io.custody.mpc.ecdsa.math.IntegerMath;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcuts a party takes with its own Paillier key (CRT) and the cheaper ciphertext check give exactly what the
 * plain arithmetic gives: compared against {@link BigInteger#modPow} and {@link IntegerMath#isUnit} over random and
 * edge inputs, at both security levels' modulus sizes.
 */
class OwnKeyArithmeticTest {

    private final SecureRandom random = TestRandom.seeded(4242);
    private static final BigInteger TWO = BigInteger.TWO;

    private static List<PaillierSecretKey> keys() {
        return List.of(FixturePrimes.paillier(6), FixturePrimes.paillier3072(0));
    }

    /** Nonces: random units, non-units, out of range, negative, zero and one. */
    private List<BigInteger> nonces(PaillierSecretKey key) {
        BigInteger n = key.publicKey().n();
        BigInteger p = key.p();
        BigInteger q = key.q();
        List<BigInteger> out = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, TWO, n.subtract(BigInteger.ONE),
                n, n.add(BigInteger.ONE), p, q, p.multiply(TWO), q.pow(2), p.multiply(p), n.multiply(n),
                n.multiply(n).subtract(BigInteger.ONE), n.multiply(n).add(BigInteger.valueOf(12345)),
                BigInteger.ONE.negate(), n.negate().add(BigInteger.valueOf(7)), p.negate()));
        for (int i = 0; i < 5; i++) out.add(key.publicKey().randomNonce(random));
        out.add(new BigInteger(2 * n.bitLength() + 5, random));
        return out;
    }

    private List<BigInteger> plaintexts(BigInteger n) {
        List<BigInteger> out = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
                n.subtract(BigInteger.ONE), n, n.add(BigInteger.ONE), n.shiftRight(1), n.negate(),
                BigInteger.ONE.shiftLeft(1800).negate(), n.multiply(n).add(TWO)));
        for (int i = 0; i < 4; i++) out.add(new BigInteger(n.bitLength() + 3, random).subtract(n));
        return out;
    }

    @Test
    void own_key_encryption_by_crt_equals_public_key_encryption() {
        for (PaillierSecretKey key : keys()) {
            PaillierPublicKey pub = key.publicKey();
            List<BigInteger> ms = plaintexts(pub.n());
            List<BigInteger> rs = nonces(key);
            for (int i = 0; i < rs.size(); i++) {
                BigInteger r = rs.get(i);
                BigInteger m = ms.get(i % ms.size());
                assertThat(key.encrypt(m, r)).as("nonce %d, plaintext %d, %d-bit N", i, i % ms.size(),
                        pub.n().bitLength()).isEqualTo(pub.encrypt(m, r));
            }
        }
    }

    @Test
    void a_ciphertext_made_through_the_factorisation_decrypts_and_carries_its_nonce() {
        PaillierSecretKey key = FixturePrimes.paillier(6);
        BigInteger r = key.publicKey().randomNonce(random);
        BigInteger c = key.encrypt(BigInteger.valueOf(-42), r);
        assertThat(key.decryptCentred(c)).isEqualTo(BigInteger.valueOf(-42));
        assertThat(key.nonceOf(c)).isEqualTo(r);
        assertThat(key.publicKey().isValidCiphertext(c)).isTrue();
    }

    @Test
    void pow_mod_n_by_crt_equals_mod_pow_for_units() {
        for (PaillierSecretKey key : keys()) {
            BigInteger n = key.publicKey().n();
            BigInteger phi = key.phi();
            List<BigInteger> exponents = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, TWO, phi,
                    phi.subtract(BigInteger.ONE), phi.add(BigInteger.ONE), n, n.modInverse(phi),
                    key.p().subtract(BigInteger.ONE), key.q().subtract(BigInteger.ONE)));
            for (int i = 0; i < 2; i++) exponents.add(new BigInteger(n.bitLength() + 64, random));
            List<BigInteger> bases = new ArrayList<>(List.of(BigInteger.ONE, n.subtract(BigInteger.ONE), TWO));
            for (int i = 0; i < 3; i++) bases.add(IntegerMath.unit(n, random));
            for (BigInteger b : bases) {
                for (BigInteger e : exponents) {
                    assertThat(key.powModN(b, e)).isEqualTo(b.modPow(e, n));
                }
            }
        }
    }

    @Test
    void ciphertext_check_on_n_equals_the_unit_check_on_n_squared() {
        for (PaillierSecretKey key : keys()) {
            PaillierPublicKey pub = key.publicKey();
            BigInteger n = pub.n();
            BigInteger n2 = pub.nSquared();
            BigInteger p = key.p();
            BigInteger q = key.q();
            List<BigInteger> cs = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, n, n.add(BigInteger.ONE),
                    n.subtract(BigInteger.ONE), p, q, p.multiply(p), q.multiply(q).multiply(TWO), p.multiply(q).add(p),
                    n2, n2.subtract(BigInteger.ONE), n2.add(BigInteger.ONE), n2.subtract(p), BigInteger.ONE.negate(),
                    n2.negate(), n.multiply(n2), pub.encrypt(BigInteger.TEN, pub.randomNonce(random))));
            for (int i = 0; i < 10; i++) cs.add(IntegerMath.below(n2, random));
            for (int i = 0; i < 5; i++) cs.add(IntegerMath.below(n, random).multiply(i % 2 == 0 ? p : q));
            for (BigInteger c : cs) {
                assertThat(pub.isValidCiphertext(c)).as("candidate of %d bits", c.bitLength())
                        .isEqualTo(IntegerMath.isUnit(c, n2));
            }
        }
        // a modulus with many small factors (non-units are common) and a negative modulus, exhaustively
        for (BigInteger n : List.of(BigInteger.valueOf(3 * 5 * 7 * 11), BigInteger.valueOf(-15), BigInteger.ONE,
                BigInteger.ZERO)) {
            PaillierPublicKey pub = new PaillierPublicKey(n);
            BigInteger n2 = pub.nSquared();
            for (int c = -3; c <= n2.intValue() + 3; c++) {
                assertThat(pub.isValidCiphertext(BigInteger.valueOf(c))).as("c = %d mod %s^2", c, n)
                        .isEqualTo(IntegerMath.isUnit(BigInteger.valueOf(c), n2));
            }
        }
    }
}

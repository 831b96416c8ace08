package io.custody.mpc.ecdsa.paillier;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.TestRandom;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decryption by CRT with a blinded base returns exactly what the textbook c^phi decryption returns. */
class PaillierDecryptionTest {

    private final SecureRandom random = TestRandom.seeded(41);
    private final PaillierSecretKey key = FixturePrimes.paillier(5);
    private final PaillierPublicKey pub = key.publicKey();

    @Test
    void crt_decryption_with_a_blinded_base_agrees_with_textbook_decryption() {
        BigInteger n = pub.n();
        List<BigInteger> plaintexts = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE),
                n.shiftRight(1), BigInteger.valueOf(-5), BigInteger.ONE.shiftLeft(1800).negate()));
        for (int i = 0; i < 8; i++) plaintexts.add(new BigInteger(n.bitLength() - 1, random));
        for (BigInteger m : plaintexts) {
            BigInteger c = pub.encrypt(m, pub.randomNonce(random));
            assertThat(key.decrypt(c)).as("plaintext " + i(m)).isEqualTo(key.decryptTextbook(c)).isEqualTo(m.mod(n));
        }
    }

    @Test
    void one_ciphertext_decrypts_to_one_plaintext_whatever_the_blinding() {
        BigInteger c = pub.encrypt(BigInteger.valueOf(123456789), pub.randomNonce(random));
        assertThat(key.decrypt(c)).isEqualTo(key.decrypt(c)).isEqualTo(BigInteger.valueOf(123456789));
        assertThat(key.decryptCentred(pub.encrypt(BigInteger.valueOf(-7), pub.randomNonce(random))))
                .isEqualTo(BigInteger.valueOf(-7));
    }

    @Test
    void a_destroyed_key_decrypts_nothing() {
        PaillierSecretKey k = FixturePrimes.paillier(6);
        BigInteger c = k.publicKey().encrypt(BigInteger.TEN, k.publicKey().randomNonce(random));
        k.destroy();
        assertThatThrownBy(() -> k.decrypt(c)).isInstanceOf(IllegalStateException.class);
    }

    private static String i(BigInteger m) {
        return m.bitLength() + "-bit" + (m.signum() < 0 ? " negative" : "");
    }
}

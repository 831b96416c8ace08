package io.custody.mpc.ecdsa.math;

import io.custody.mpc.ecdsa.fixtures.TestRandom;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IntegerMathTest {

    @Test
    void jacobi_symbol_matches_euler_criterion_for_primes() {
        SecureRandom random = TestRandom.seeded(3);
        for (int i = 0; i < 200; i++) {
            BigInteger p = BigInteger.probablePrime(64, random);
            BigInteger a = new BigInteger(80, random);
            BigInteger euler = a.modPow(p.shiftRight(1), p);
            int expected = a.mod(p).signum() == 0 ? 0 : euler.equals(BigInteger.ONE) ? 1 : -1;
            assertThat(IntegerMath.jacobi(a, p)).isEqualTo(expected);
        }
    }

    @Test
    void jacobi_symbol_is_multiplicative_in_the_modulus() {
        SecureRandom random = TestRandom.seeded(4);
        for (int i = 0; i < 200; i++) {
            BigInteger p = BigInteger.probablePrime(48, random);
            BigInteger q = BigInteger.probablePrime(48, random);
            BigInteger a = new BigInteger(100, random);
            assertThat(IntegerMath.jacobi(a, p.multiply(q))).isEqualTo(IntegerMath.jacobi(a, p) * IntegerMath.jacobi(a, q));
        }
    }
}

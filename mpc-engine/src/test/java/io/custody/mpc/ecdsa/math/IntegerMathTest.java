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

    @Test
    void all_units_agrees_with_checking_every_element() {
        SecureRandom random = TestRandom.seeded(5);
        BigInteger p = BigInteger.probablePrime(1024, random);
        BigInteger q = BigInteger.probablePrime(1024, random);
        BigInteger[] moduli = {p.multiply(q), BigInteger.valueOf(3 * 5 * 7 * 11 * 13), BigInteger.valueOf(97),
                BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(1 << 12)};
        for (BigInteger n : moduli) {
            for (int trial = 0; trial < 300; trial++) {
                int size = random.nextInt(6);
                BigInteger[] xs = new BigInteger[size];
                for (int i = 0; i < size; i++) xs[i] = candidate(n, p, q, random);
                boolean expected = java.util.Arrays.stream(xs).allMatch(x -> IntegerMath.isUnit(x, n));
                assertThat(IntegerMath.allUnits(xs, n)).as("%s mod %s", java.util.Arrays.toString(xs), n)
                        .isEqualTo(expected);
            }
        }
    }

    /** Mostly units, sometimes 0, n, a multiple of a factor, out of range or negative. */
    private static BigInteger candidate(BigInteger n, BigInteger p, BigInteger q, SecureRandom random) {
        BigInteger bound = n.max(BigInteger.TWO);
        return switch (random.nextInt(10)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> n;
            case 2 -> n.add(BigInteger.ONE);
            case 3 -> BigInteger.ONE.negate();
            case 4 -> n.bitLength() > 1000 ? (random.nextBoolean() ? p : q.multiply(BigInteger.valueOf(5)))
                    : BigInteger.valueOf(3 * (1 + random.nextInt(5)));
            default -> IntegerMath.below(bound, random);
        };
    }
}

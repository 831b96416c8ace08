package io.custody.mpc.ecdsa.math;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Number theory the proofs need beyond {@link BigInteger}: Jacobi symbols, sampling, symmetric ranges. */
public final class IntegerMath {

    private IntegerMath() {
    }

    /** Jacobi symbol (a / n) for odd positive n; 0 when gcd(a, n) > 1. */
    public static int jacobi(BigInteger a, BigInteger n) {
        if (n.signum() <= 0 || !n.testBit(0)) throw new IllegalArgumentException("n must be odd and positive");
        BigInteger x = a.mod(n);
        BigInteger m = n;
        int result = 1;
        while (x.signum() != 0) {
            int twos = x.getLowestSetBit();
            x = x.shiftRight(twos);
            int mMod8 = m.intValue() & 7;
            if ((twos & 1) == 1 && (mMod8 == 3 || mMod8 == 5)) result = -result;
            // quadratic reciprocity: flip when both are 3 mod 4
            if ((x.intValue() & 3) == 3 && (m.intValue() & 3) == 3) result = -result;
            BigInteger tmp = x;
            x = m.mod(tmp);
            m = tmp;
        }
        return m.equals(BigInteger.ONE) ? result : 0;
    }

    /** Uniform in [0, bound). */
    public static BigInteger below(BigInteger bound, SecureRandom random) {
        int bits = bound.bitLength();
        while (true) {
            BigInteger c = new BigInteger(bits, random);
            if (c.compareTo(bound) < 0) return c;
        }
    }

    /** Uniform in Z*_n. */
    public static BigInteger unit(BigInteger n, SecureRandom random) {
        while (true) {
            BigInteger c = below(n, random);
            if (c.signum() > 0 && c.gcd(n).equals(BigInteger.ONE)) return c;
        }
    }

    /** Uniform in [-2^bits, 2^bits]. */
    public static BigInteger symmetric(int bits, SecureRandom random) {
        BigInteger bound = BigInteger.ONE.shiftLeft(bits);
        return below(bound.shiftLeft(1).add(BigInteger.ONE), random).subtract(bound);
    }

    /** Uniform in [-2^bits * m, 2^bits * m]. */
    public static BigInteger symmetric(int bits, BigInteger m, SecureRandom random) {
        BigInteger bound = m.shiftLeft(bits);
        return below(bound.shiftLeft(1).add(BigInteger.ONE), random).subtract(bound);
    }

    /** |x| <= 2^bits. */
    public static boolean inSymmetricRange(BigInteger x, int bits) {
        return x.abs().compareTo(BigInteger.ONE.shiftLeft(bits)) <= 0;
    }

    /** |x| <= 2^bits * m. */
    public static boolean inSymmetricRange(BigInteger x, int bits, BigInteger m) {
        return x.abs().compareTo(m.shiftLeft(bits)) <= 0;
    }

    /** 0 < x < n and gcd(x, n) = 1. */
    public static boolean isUnit(BigInteger x, BigInteger n) {
        return x.signum() > 0 && x.compareTo(n) < 0 && x.gcd(n).equals(BigInteger.ONE);
    }

    /**
     * True exactly when {@link #isUnit} holds for every element (and for an empty array). The range is checked one by
     * one; coprimality takes one gcd of the product mod n instead of one gcd per element: a prime factor of n divides
     * the product mod n if and only if it divides one of the factors, so gcd(prod x_i mod n, n) = 1 if and only if
     * every gcd(x_i, n) = 1. A binary gcd costs about a twentieth of a full-size modPow, and the modulus and
     * parameter proofs check 256 to 384 units each. Callers use it as a fast path only: when it answers false they
     * repeat their per-element checks, so the first failing element and its message stay what they were.
     */
    public static boolean allUnits(BigInteger[] xs, BigInteger n) {
        BigInteger product = BigInteger.ONE;
        for (BigInteger x : xs) {
            if (x.signum() <= 0 || x.compareTo(n) >= 0) return false;
            product = product.multiply(x).mod(n);
        }
        return product.gcd(n).equals(BigInteger.ONE);
    }

    /** x^e mod n for a possibly negative exponent (x must be a unit). */
    public static BigInteger pow(BigInteger x, BigInteger e, BigInteger n) {
        return e.signum() >= 0 ? x.modPow(e, n) : x.modInverse(n).modPow(e.negate(), n);
    }
}

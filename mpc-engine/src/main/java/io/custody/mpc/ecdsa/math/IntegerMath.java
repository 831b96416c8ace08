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

    /** x^e mod n for a possibly negative exponent (x must be a unit). */
    public static BigInteger pow(BigInteger x, BigInteger e, BigInteger n) {
        return e.signum() >= 0 ? x.modPow(e, n) : x.modInverse(n).modPow(e.negate(), n);
    }
}

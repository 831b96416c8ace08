package io.custody.mpc.ecdsa.paillier;

import io.custody.mpc.ecdsa.math.IntegerMath;

import java.math.BigInteger;
import java.security.SecureRandom;

/** A Paillier encryption key N with generator 1 + N. Plaintexts are taken modulo N (negative ones wrap). */
public record PaillierPublicKey(BigInteger n) {

    public BigInteger nSquared() {
        return n.multiply(n);
    }

    /** (1 + N)^m * r^N mod N^2, using (1 + N)^m = 1 + mN mod N^2. */
    public BigInteger encrypt(BigInteger m, BigInteger r) {
        BigInteger n2 = nSquared();
        BigInteger gm = BigInteger.ONE.add(m.mod(n).multiply(n)).mod(n2);
        return gm.multiply(r.modPow(n, n2)).mod(n2);
    }

    public BigInteger randomNonce(SecureRandom random) {
        return IntegerMath.unit(n, random);
    }

    /** c1 * c2: encrypts the sum. */
    public BigInteger add(BigInteger c1, BigInteger c2) {
        return c1.multiply(c2).mod(nSquared());
    }

    /** c^k: encrypts k times the plaintext; k may be negative. */
    public BigInteger multiply(BigInteger c, BigInteger k) {
        return IntegerMath.pow(c, k, nSquared());
    }

    /**
     * A received ciphertext must be a unit of Z_{N^2}; anything else leaks or breaks the proofs. Same answer as
     * {@code IntegerMath.isUnit(c, N^2)}: N^2 and N have the same prime factors, so gcd(c, N^2) = 1 exactly when
     * gcd(c mod N, N) = 1, and that gcd of half the size costs about a quarter.
     */
    public boolean isValidCiphertext(BigInteger c) {
        if (c.signum() <= 0 || c.compareTo(nSquared()) >= 0) return false;
        BigInteger m = n.abs();
        return c.mod(m).gcd(m).equals(BigInteger.ONE);
    }
}

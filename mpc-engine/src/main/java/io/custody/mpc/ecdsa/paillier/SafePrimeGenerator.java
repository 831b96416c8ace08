package io.custody.mpc.ecdsa.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Finds safe primes p = 2q + 1 (q prime) of an exact bit length with the top two bits set, so that the product of two
 * of them has exactly twice the bit length. Every safe prime with q odd is 3 mod 4, hence a Blum prime, which the
 * Paillier-Blum modulus proof relies on.
 *
 * <p>Candidates are sieved for both q and 2q + 1 against the small primes below {@value #SIEVE_LIMIT} by walking an
 * offset from one random start (one division per small prime per start instead of per candidate); the survivors take a
 * cheap base-2 Fermat test on p before the full Miller-Rabin rounds on both numbers.
 */
public final class SafePrimeGenerator {

    static final int SIEVE_LIMIT = 1 << 16;
    private static final int WINDOW = 1 << 14;
    /** Miller-Rabin certainty: error below 2^-128 per number. */
    public static final int CERTAINTY = 128;
    private static final int[] SMALL_PRIMES = smallPrimes(SIEVE_LIMIT);

    private final SecureRandom random;

    public SafePrimeGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A safe prime of exactly {@code bits} bits whose two top bits are set.
     *
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted: the search checks
     *         before every sieve window, so a closing pool or node does not leave minutes of search running
     */
    public BigInteger next(int bits) {
        if (bits < 16) throw new IllegalArgumentException("bits too small for a safe prime: " + bits);
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("safe-prime search interrupted");
            }
            BigInteger q0 = new BigInteger(bits - 1, random).setBit(bits - 2).setBit(bits - 3).setBit(0);
            int[] residues = new int[SMALL_PRIMES.length];
            for (int i = 0; i < SMALL_PRIMES.length; i++) {
                residues[i] = q0.mod(BigInteger.valueOf(SMALL_PRIMES[i])).intValue();
            }
            for (int k = 0; k < WINDOW; k += 2) {
                if (!survivesSieve(residues, k)) continue;
                BigInteger q = q0.add(BigInteger.valueOf(k));
                if (q.bitLength() != bits - 1) break;
                BigInteger p = q.shiftLeft(1).setBit(0);
                if (!BigInteger.TWO.modPow(p.subtract(BigInteger.ONE), p).equals(BigInteger.ONE)) continue;
                if (q.isProbablePrime(CERTAINTY) && p.isProbablePrime(CERTAINTY)) return p;
            }
        }
    }

    private static boolean survivesSieve(int[] residues, int k) {
        for (int i = 0; i < SMALL_PRIMES.length; i++) {
            int s = SMALL_PRIMES[i];
            int r = (residues[i] + k) % s;
            // q divisible by s, or p = 2q + 1 divisible by s
            if (r == 0 || (2 * r + 1) % s == 0) return false;
        }
        return true;
    }

    /** True when {@code p} is a safe prime (p and (p - 1) / 2 both prime) to the library's certainty. */
    public static boolean isSafePrime(BigInteger p) {
        return p.signum() > 0 && p.testBit(0) && p.isProbablePrime(CERTAINTY)
                && p.shiftRight(1).isProbablePrime(CERTAINTY);
    }

    private static int[] smallPrimes(int limit) {
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j < limit; j += i) composite[(int) j] = true;
            }
        }
        // 2 is skipped: q is odd and p = 2q + 1 is odd by construction.
        int[] out = new int[count - 1];
        int n = 0;
        for (int i = 3; i < limit; i++) if (!composite[i]) out[n++] = i;
        return out;
    }
}

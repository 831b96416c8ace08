package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed-base lever of issue #14, measured before anything depends on it: a verifier raises a peer's ring-Pedersen
 * bases s and t (fixed for the peer's whole key) to a new exponent in every proof, so a table of s^(j * 2^(w*i)) built
 * once per peer key would turn each exponentiation into about bits/w multiplications with no squarings. Measured here
 * against {@link BigInteger#modPow} for the modulus of each level and two exponent sizes: about 800 bits (the size of
 * the range-proof responses, l + epsilon) and the modulus' size plus 800 bits (the responses that hide a value times
 * N). The table is a plain {@code BigInteger[][]}; windows of {@code window} bits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FixedBaseModExpBenchmark {

    /** Security level in bits: 112 (2048-bit N) or 128 (3072-bit N). */
    @Param({"112", "128"})
    public int level;

    /** Exponent size: "short" about 800 bits, "long" the modulus' size plus 800 bits. */
    @Param({"short", "long"})
    public String exponentSize;

    /** Window width of the table in bits. */
    @Param({"6"})
    public int window;

    private BigInteger modulus;
    private BigInteger base;
    private BigInteger exponent;
    private BigInteger[][] table;

    @Setup
    public void setup() {
        SecureRandom random = new SecureRandom();
        modulus = (level == 128 ? FixturePrimes.paillier3072(0) : FixturePrimes.paillier(0)).publicKey().n();
        base = new BigInteger(modulus.bitLength() - 8, random);
        int bits = exponentSize.equals("short") ? 800 : modulus.bitLength() + 800;
        exponent = new BigInteger(bits, random).setBit(bits - 1);
        int windows = (bits + window - 1) / window;
        table = new BigInteger[windows][1 << window];
        BigInteger windowBase = base;
        for (int i = 0; i < windows; i++) {
            table[i][0] = BigInteger.ONE;
            for (int j = 1; j < (1 << window); j++) {
                table[i][j] = table[i][j - 1].multiply(windowBase).mod(modulus);
            }
            windowBase = table[i][(1 << window) - 1].multiply(windowBase).mod(modulus);
        }
        if (!fixedBase().equals(modPow())) {
            throw new IllegalStateException("the fixed-base table disagrees with modPow");
        }
    }

    @Benchmark
    public BigInteger modPow() {
        return base.modPow(exponent, modulus);
    }

    @Benchmark
    public BigInteger fixedBase() {
        BigInteger result = BigInteger.ONE;
        int mask = (1 << window) - 1;
        for (int i = 0; i < table.length; i++) {
            int digit = exponent.shiftRight(i * window).intValue() & mask;
            if (digit != 0) {
                result = result.multiply(table[i][digit]).mod(modulus);
            }
        }
        return result;
    }
}

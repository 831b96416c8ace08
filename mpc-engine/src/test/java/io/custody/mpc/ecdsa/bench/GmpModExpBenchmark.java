package io.custody.mpc.ecdsa.bench;

import com.squareup.jnagmp.Gmp;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
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
 * The GMP lever of issue #14, measured before anything depends on it: the exponentiations that dominate key generation
 * and presigning (an exponent of the modulus' size, mod N and mod N^2, at both security levels) with
 * {@link BigInteger#modPow}, with GMP's {@code mpz_powm} (variable time, for public exponents such as a verifier's
 * challenge powers) and with {@code mpz_powm_sec} (constant time, for secret exponents), GMP reached through JNA
 * ({@code com.squareup.jnagmp}, which ships its own libgmp). Same run command as {@link EcdsaBenchmark}, pattern
 * {@code GmpModExpBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class GmpModExpBenchmark {

    /** Security level in bits: 112 (2048-bit N) or 128 (3072-bit N). */
    @Param({"112", "128"})
    public int level;

    /** "N" or "N2": the modulus is N or N^2 (Paillier ciphertexts live mod N^2). */
    @Param({"N", "N2"})
    public String modulus;

    private BigInteger m;
    private BigInteger base;
    private BigInteger exponent;

    @Setup
    public void setup() {
        SecureRandom random = new SecureRandom();
        PaillierSecretKey key = level == 128 ? FixturePrimes.paillier3072(0) : FixturePrimes.paillier(0);
        BigInteger n = key.publicKey().n();
        m = modulus.equals("N2") ? n.multiply(n) : n;
        base = new BigInteger(m.bitLength() - 8, random);
        exponent = new BigInteger(n.bitLength(), random);
        BigInteger expected = base.modPow(exponent, m);
        if (!expected.equals(Gmp.modPowInsecure(base, exponent, m))
                || !expected.equals(Gmp.modPowSecure(base, exponent, m))) {
            throw new IllegalStateException("GMP and BigInteger disagree");
        }
    }

    @Benchmark
    public BigInteger bigInteger() {
        return base.modPow(exponent, m);
    }

    @Benchmark
    public BigInteger gmpVariableTime() {
        return Gmp.modPowInsecure(base, exponent, m);
    }

    @Benchmark
    public BigInteger gmpConstantTime() {
        return Gmp.modPowSecure(base, exponent, m);
    }
}

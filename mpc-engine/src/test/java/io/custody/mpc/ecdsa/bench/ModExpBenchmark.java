package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Unit costs the protocol floors are expressed in: one 2048-bit exponent modulo a 2048-bit N, and modulo N^2.
 * Same run command as {@link EcdsaBenchmark}, with {@code ModExpBenchmark} as the pattern.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ModExpBenchmark {

    private BigInteger n;
    private BigInteger n2;
    private BigInteger base;
    private BigInteger exponent;

    @Setup
    public void setup() {
        SecureRandom r = new SecureRandom();
        n = FixturePrimes.paillier(0).publicKey().n();
        n2 = n.multiply(n);
        base = new BigInteger(2040, r);
        exponent = new BigInteger(2048, r);
    }

    @Benchmark
    public BigInteger modExp2048() {
        return base.modPow(exponent, n);
    }

    @Benchmark
    public BigInteger modExp2048ModNSquared() {
        return base.modPow(exponent, n2);
    }
}

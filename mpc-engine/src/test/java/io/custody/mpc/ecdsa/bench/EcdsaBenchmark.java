package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.dkg.KeygenParty;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.sign.EcdsaSignature;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.PresignParty;
import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.ecdsa.sign.SignParty;
import io.custody.mpc.ecdsa.sign.SignRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole-protocol timings, all parties in one process on one thread (the sum of every party's work, as a single
 * machine running all nodes would spend it), at both security levels (docs/adr/ecdsa-009). Key generation takes its
 * Paillier keys from the fixture primes, which stands for a filled safe-prime pool. Keys for the presigning and
 * signing benchmarks are made only when one of those runs, and a fresh presignature only before an online signature,
 * so a key-generation figure does not wait for set-up it does not use. Run (not part of the test suite; the exact
 * commands, iteration counts included, are in docs/benchmarks-ecdsa.md):
 *
 * <pre>
 * ./mvnw -B -pl mpc-engine -am test-compile
 * ./mvnw -B -q -pl mpc-engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp "mpc-engine/target/test-classes:mpc-engine/target/classes:$(cat mpc-engine/target/bench.cp)" \
 *   org.openjdk.jmh.Main EcdsaBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 7)
@Fork(1)
@State(Scope.Benchmark)
public class EcdsaBenchmark {

    private static final AtomicLong SESSIONS = new AtomicLong();
    private static final java.util.Map<String, List<KeyShare>> KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final byte[] TX = "benchmark transfer".getBytes(StandardCharsets.UTF_8);

    /** "n-t": 3-1 is 2-of-3, 5-2 is 3-of-5. */
    @Param({"3-1", "5-2"})
    public String scheme;

    /** Security level in bits: 112 (2048-bit N) or 128 (3072-bit N). */
    @Param({"112", "128"})
    public int level;

    private int n;
    private int t;
    private List<KeyShare> shares;
    private List<Presignature> presignatures;
    private final SecureRandom random = new SecureRandom();

    @Setup(Level.Trial)
    public void keys(BenchmarkParams params) {
        n = Integer.parseInt(scheme.split("-")[0]);
        t = Integer.parseInt(scheme.split("-")[1]);
        // One key generation per (scheme, level) for the whole JVM: with -f 0 the presigning and online benchmarks share
        // it, which on a busy machine saves minutes of set-up that is not what they measure.
        if (!params.getBenchmark().endsWith("keygenWithFilledPool")) {
            shares = KEYS.computeIfAbsent(scheme + "@" + level, k -> keygen());
        }
    }

    @Setup(Level.Invocation)
    public void freshPresignature(BenchmarkParams params) {
        if (params.getBenchmark().endsWith("onlineSignature")) presignatures = presign();
    }

    @Benchmark
    public List<KeyShare> keygenWithFilledPool() {
        return keygen();
    }

    @Benchmark
    public List<Presignature> presignature() {
        return presign();
    }

    @Benchmark
    public List<EcdsaSignature> onlineSignature() {
        return sign(presignatures);
    }

    @Benchmark
    public List<EcdsaSignature> fullSignatureWithoutPresignature() {
        return sign(presign());
    }

    private List<KeyShare> keygen() {
        String sid = "bench-keygen-" + SESSIONS.incrementAndGet();
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            var paillier = level == 128 ? FixturePrimes.paillier3072ForBenchmarks(i - 1) : FixturePrimes.paillier(i - 1);
            parties.add(KeygenParty.keygen(sid, i, n, t, paillier, TestIdentities.keys(i), random));
        }
        return LocalNetwork.results(new LocalNetwork<>(parties).run());
    }

    private List<Presignature> presign() {
        String sid = "bench-presign-" + SESSIONS.incrementAndGet();
        List<Integer> signers = new ArrayList<>();
        for (int i = 1; i <= t + 1; i++) signers.add(i);
        List<PresignParty> parties = new ArrayList<>();
        for (int i : signers) parties.add(new PresignParty(sid, shares.get(i - 1), signers, TestIdentities.keys(i), random));
        return LocalNetwork.results(new LocalNetwork<>(parties).run());
    }

    private List<EcdsaSignature> sign(List<Presignature> pre) {
        String sid = "bench-sign-" + SESSIONS.incrementAndGet();
        SignRequest request = new SignRequest(TX, MessageDigest.KECCAK_256, List.of());
        List<SignParty> parties = new ArrayList<>();
        for (Presignature p : pre) parties.add(new SignParty(sid, p, request, TestIdentities.keys(p.partyIndex())));
        return LocalNetwork.results(new LocalNetwork<>(parties).run());
    }
}

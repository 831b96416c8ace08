package io.custody.mpc.ecdsa.bench;

import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.dkg.KeygenParty;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.fixtures.LocalNetwork;
import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.ecdsa.sign.PresignParty;
import io.custody.mpc.ecdsa.sign.Presignature;
import io.custody.mpc.ecdsa.zk.ModProof;
import io.custody.mpc.ecdsa.zk.PrmProof;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import io.custody.mpc.transcript.ProofContext;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Before/after timing by hand, without JMH (not a test, asserts nothing, never run by the build). All parties on one
 * thread in one process (total CPU work of a run, as in {@link EcdsaBenchmark}; key generation and presigning verify
 * peers' proofs on the engine's executor, so they may use the second core), at the 112-bit level with the fixture
 * primes. Prints the median, minimum and maximum of each figure, both as wall time and as the whole process's CPU time
 * (the less load-sensitive of the two on a shared machine), and the load average. Run after {@code test-compile} with the classpath of
 * docs/benchmarks-ecdsa.md:
 *
 * <pre>
 * java -cp "$CP" io.custody.mpc.ecdsa.bench.ProtocolTiming [presigns=7] [keygens=3] [proofs=5]
 * </pre>
 */
public final class ProtocolTiming {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static int sessions;

    public static void main(String[] args) {
        int presigns = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int keygens = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("load average at start: %.2f, cores %d, java %s%n", load(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        PaillierSecretKey key = FixturePrimes.paillier(0);
        RingPedersenSecret rp = RingPedersenSecret.generate(key, RANDOM);
        ProofContext ctx = new ProofContext("timing", "timing", 2, 1, 0, SecurityLevel.BITS_112);
        byte[] joint = new byte[32];
        ModProof mod = ModProof.prove(key, ctx, joint, RANDOM);
        PrmProof prm = PrmProof.prove(rp, ctx, joint, RANDOM);
        if (proofs == 0) proofs = 1;
        report("Pi^mod prove (2048-bit N)", time(proofs, 1, () -> ModProof.prove(key, ctx, joint, RANDOM)));
        report("Pi^mod verify", time(proofs, 1, () -> mod.verify(key.publicKey().n(), ctx, joint)));
        report("Pi^prm prove", time(proofs, 1, () -> PrmProof.prove(rp, ctx, joint, RANDOM)));
        report("Pi^prm verify", time(proofs, 1, () -> prm.verify(rp.params(), ctx, joint)));

        if (presigns > 0) {
            List<KeyShare> shares = keygen(3, 1);
            report("2-of-3 presignature", time(presigns, 2, () -> presign(shares, 2)));
        }
        if (keygens > 0) report("2-of-3 key generation", time(keygens, 0, () -> keygen(3, 1)));
        System.out.printf("load average at end: %.2f%n", load());
    }

    /**
     * One named piece of work, for a driver that alternates this build's classes with another build's in one JVM
     * (separate class loaders), so both see the same load: modProve, modVerify, prmProve, prmVerify, presign (2-of-3,
     * on a key made once per call of this method) or keygen (2-of-3).
     */
    public static Runnable workload(String name) {
        PaillierSecretKey key = FixturePrimes.paillier(0);
        RingPedersenSecret rp = RingPedersenSecret.generate(key, RANDOM);
        ProofContext ctx = new ProofContext("timing", "timing", 2, 1, 0, SecurityLevel.BITS_112);
        byte[] joint = new byte[32];
        return switch (name) {
            case "modProve" -> () -> ModProof.prove(key, ctx, joint, RANDOM);
            case "modVerify" -> {
                ModProof mod = ModProof.prove(key, ctx, joint, RANDOM);
                yield () -> mod.verify(key.publicKey().n(), ctx, joint);
            }
            case "prmProve" -> () -> PrmProof.prove(rp, ctx, joint, RANDOM);
            case "prmVerify" -> {
                PrmProof prm = PrmProof.prove(rp, ctx, joint, RANDOM);
                yield () -> prm.verify(rp.params(), ctx, joint);
            }
            case "presign" -> {
                List<KeyShare> shares = keygen(3, 1);
                yield () -> presign(shares, 2);
            }
            case "keygen" -> () -> keygen(3, 1);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Wall time and the whole process's CPU time of each shot, in ms: {wall[], cpu[]}. */
    private static long[][] time(int shots, int warmups, Supplier<?> work) {
        for (int i = 0; i < warmups; i++) work.get();
        long[] wall = new long[shots];
        long[] cpu = new long[shots];
        for (int i = 0; i < shots; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            work.get();
            wall[i] = (System.nanoTime() - start) / 1_000_000;
            cpu[i] = (processCpuNanos() - cpuStart) / 1_000_000;
        }
        return new long[][] {wall, cpu};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, long[][] ms) {
        System.out.printf("%-26s wall %s | cpu %s  (n=%d, load %.2f)%n", what, summary(ms[0]), summary(ms[1]),
                ms[0].length, load());
    }

    private static String summary(long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("median %6d ms (%d - %d) %s", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1], Arrays.toString(ms));
    }

    private static List<KeyShare> keygen(int n, int t) {
        String sid = "timing-keygen-" + (++sessions);
        List<KeygenParty> parties = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            parties.add(KeygenParty.keygen(sid, i, n, t, FixturePrimes.paillier(i - 1), TestIdentities.keys(i), RANDOM));
        }
        return LocalNetwork.results(new LocalNetwork<>(parties).run());
    }

    private static List<Presignature> presign(List<KeyShare> shares, int signerCount) {
        String sid = "timing-presign-" + (++sessions);
        List<Integer> signers = new ArrayList<>();
        for (int i = 1; i <= signerCount; i++) signers.add(i);
        List<PresignParty> parties = new ArrayList<>();
        for (int i : signers) {
            parties.add(new PresignParty(sid, shares.get(i - 1), signers, TestIdentities.keys(i), RANDOM));
        }
        return LocalNetwork.results(new LocalNetwork<>(parties).run());
    }
}

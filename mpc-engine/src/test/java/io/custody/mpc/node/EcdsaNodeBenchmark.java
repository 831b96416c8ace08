package io.custody.mpc.node;

import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Benchmark driver (not part of the test run): threshold ECDSA 2-of-3 through three in-process nodes on loopback
 * HTTP (EmbeddedCluster, the all-in-one default): presign, sign with that presignature, and the one-call "sign without
 * presignature"; one key generation (fixture primes stand for a filled pool) is timed once. Prints median and spread.
 *
 * <p>Run: see docs/benchmarks-ecdsa-node.md. Arguments: {@code [iterations] [warmup]}.
 */
public final class EcdsaNodeBenchmark {

    private EcdsaNodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("ecdsa-node-bench");
        IntFunction<KeyEncryptionKey> keks = EcdsaTestCluster.fixedKeks(3);
        EcdsaTestCluster.prefillPools(dir, 3, keks, 0, 2);
        EcdsaNodeSettings settings = new EcdsaNodeSettings(0, false, java.time.Duration.ofMinutes(10),
                iterations + warmup + 1, io.custody.mpc.ecdsa.zk.SecurityLevel.BITS_112);
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithEcdsa(dir, 3, keks, settings,
                EcdsaTestCluster.COORDINATOR)) {
            EcdsaCoordinator ecdsa = cluster.ecdsa();
            long t0 = System.nanoTime();
            ThresholdKey key = ecdsa.generateKey(new WalletId("bench"), new KeyId("evm"), 2, cluster.nodeIds());
            System.out.printf(Locale.ROOT, "keygen 2-of-3 (one run): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            SignRequest what = new SignRequest("benchmark payload".getBytes(StandardCharsets.UTF_8),
                    MessageDigest.KECCAK_256, List.of(0, 1));
            List<Double> presign = new ArrayList<>();
            List<Double> sign = new ArrayList<>();
            List<Double> both = new ArrayList<>();
            for (int i = 0; i < warmup + iterations; i++) {
                long a = System.nanoTime();
                PresignatureRef ref = ecdsa.presign(key);
                long b = System.nanoTime();
                ecdsa.sign(key, ref, what);
                long c = System.nanoTime();
                if (i >= warmup) {
                    presign.add((b - a) / 1e6);
                    sign.add((c - b) / 1e6);
                    both.add((c - a) / 1e6);
                }
            }
            List<Double> oneCall = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                long a = System.nanoTime();
                ecdsa.sign(key, what);
                oneCall.add((System.nanoTime() - a) / 1e6);
            }
            System.out.println("scenario | median ms | p10 ms | p90 ms | min ms | max ms");
            print("presign (3 rounds + relay)", presign);
            print("sign with presignature (1 round)", sign);
            print("presign + sign", both);
            print("sign without presignature (one call)", oneCall);
        }
    }

    private static void print(String name, List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s | %.1f | %.1f | %.1f | %.1f | %.1f%n", name, at(s, 0.5), at(s, 0.1),
                at(s, 0.9), s[0], s[s.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

}

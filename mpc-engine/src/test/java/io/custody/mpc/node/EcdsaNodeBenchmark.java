package io.custody.mpc.node;

import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.ecdsa.sign.MessageDigest;
import io.custody.mpc.ecdsa.sign.SignRequest;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Benchmark driver (not part of the test run): threshold ECDSA through in-process nodes on loopback HTTP
 * (EmbeddedCluster, the all-in-one default): key generation from filled pools, presign, sign with that presignature,
 * and the one-call "sign without presignature". Prints median and spread of each.
 *
 * <p>Run: see docs/benchmarks-ecdsa-node.md. Arguments: {@code [iterations] [warmup] [level 112|128] [nodes]
 * [signers] [keygens]}; defaults 30, 5, 112, 3, 2, 1. Key generations take their Paillier primes from the pools,
 * stocked with fixture safe primes: one fixed pair per node, repeated once per key generation, so every run's moduli
 * are distinct between nodes (the protocol requires it) but the same from one key generation to the next (which only
 * a benchmark may do; the 128-bit fixtures hold four pairs, so nodes 5 and up pair primes across them).
 */
public final class EcdsaNodeBenchmark {

    private EcdsaNodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SecurityLevel level = args.length > 2 && args[2].equals("128") ? SecurityLevel.BITS_128
                : SecurityLevel.BITS_112;
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int signers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int keygens = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        String scheme = signers + "-of-" + nodes + " at " + level;
        Path dir = Files.createTempDirectory("ecdsa-node-bench");
        IntFunction<KeyEncryptionKey> keks = EcdsaTestCluster.fixedKeks(nodes);
        EcdsaNodeSettings settings = new EcdsaNodeSettings(0, false, java.time.Duration.ofMinutes(10),
                iterations + warmup + 1, level);
        for (int node = 1; node <= nodes; node++) {
            stock(dir, node, keks, settings, level, keygens);
        }
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithEcdsa(dir, nodes, keks, settings,
                EcdsaTestCluster.COORDINATOR)) {
            EcdsaCoordinator ecdsa = cluster.ecdsa();
            List<Double> keygen = new ArrayList<>();
            ThresholdKey key = null;
            for (int k = 0; k < keygens; k++) {
                long t0 = System.nanoTime();
                key = ecdsa.generateKey(new WalletId("bench"), new KeyId("evm-" + k), signers, cluster.nodeIds());
                keygen.add((System.nanoTime() - t0) / 1e6);
                System.out.printf(Locale.ROOT, "keygen %s, run %d: %.0f ms%n", scheme, k + 1, keygen.get(k));
            }
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
            System.out.printf(Locale.ROOT, "%s, %d iterations after %d warm-up, %s%n", scheme, iterations, warmup,
                    System.getProperty("java.vm.version"));
            System.out.println("scenario | median ms | p10 ms | p90 ms | min ms | max ms | samples");
            print("key generation (filled pools)", keygen);
            print("presign", presign);
            print("sign with presignature (1 round)", sign);
            print("presign + sign", both);
            print("sign without presignature (one call)", oneCall);
        }
    }

    /** Stocks node {@code node}'s pool with its fixed fixture pair, once per key generation. */
    private static void stock(Path dir, int node, IntFunction<KeyEncryptionKey> keks, EcdsaNodeSettings settings,
                              SecurityLevel level, int keygens) throws java.io.IOException {
        PaillierSecretKey pair = level == SecurityLevel.BITS_128
                ? FixturePrimes.paillier3072ForBenchmarks(node - 1) : FixturePrimes.paillier(node - 1);
        List<BigInteger> primes = new ArrayList<>();
        for (int k = 0; k < keygens; k++) {
            primes.add(pair.p());
            primes.add(pair.q());
        }
        Path nodeDir = Files.createDirectories(EmbeddedCluster.nodeDir(dir, node));
        byte[] poolKey = PrimePoolKey.loadOrCreate(new EncryptedShareStore(nodeDir, keks.apply(node),
                new SecureRandom()), new SecureRandom());
        try (SafePrimePool pool = new SafePrimePool(nodeDir.resolve(EcdsaProtocolFactory.poolFile(
                settings.primeBits())), poolKey, settings.primeBits(), 0, new SecureRandom())) {
            pool.add(primes);
        } finally {
            java.util.Arrays.fill(poolKey, (byte) 0);
        }
    }

    private static void print(String name, List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s | %.1f | %.1f | %.1f | %.1f | %.1f | %d%n", name, at(s, 0.5), at(s, 0.1),
                at(s, 0.9), s[0], s[s.length - 1], s.length);
    }

    private static double at(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

}

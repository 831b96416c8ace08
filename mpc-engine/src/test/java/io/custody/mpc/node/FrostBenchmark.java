package io.custody.mpc.node;

import io.custody.mpc.frost.Ciphersuite;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.FrostDkgParty;
import io.custody.mpc.frost.FrostSignature;
import io.custody.mpc.frost.FrostSigningParty;
import io.custody.mpc.frost.KeyShare;
import io.custody.mpc.frost.LocalRun;
import io.custody.mpc.frost.Secp256k1Sha256;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.KeyEncryptionKey;
import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Benchmark driver (not part of the test run): FROST key generation and signing in-process (all parties' state
 * machines in one thread), through three in-process nodes over loopback HTTP, and through three node processes; plus
 * signing throughput with concurrent sessions. Prints median and spread per scenario.
 *
 * <p>Run: see docs/benchmarks-frost.md. Arguments: {@code [iterations] [throughputSeconds]}.
 */
public final class FrostBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static int sequence;

    private FrostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String sections = args.length > 2 ? args[2] : "inproc,embedded,processes";
        System.out.printf(Locale.ROOT, "JDK %s, %d cores, %d iterations per scenario (after %d warm-up)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), iterations, iterations);
        System.out.println("scenario | median ms | p10 ms | p90 ms | min ms | max ms");

        for (Ciphersuite cs : sections.contains("inproc") ? List.of(Ed25519Sha512.INSTANCE, Secp256k1Sha256.INSTANCE)
                : List.<Ciphersuite>of()) {
            for (int[] tn : new int[][] {{2, 3}, {3, 5}}) {
                int t = tn[0];
                int n = tn[1];
                report("in-process " + cs + " keygen " + t + "-of-" + n, iterations, () -> dkg(cs, t, n));
                List<KeyShare> shares = dkg(cs, t, n);
                List<Integer> signers = IntStream.rangeClosed(1, t).boxed().toList();
                report("in-process " + cs + " sign " + t + "-of-" + n, iterations, () -> sign(shares, signers));
            }
        }

        Path dir = Files.createTempDirectory("frost-bench");
        for (int n : sections.contains("embedded") ? new int[] {3, 5} : new int[0]) {
            int t = n == 3 ? 2 : 3;
            try (EmbeddedCluster cluster = EmbeddedCluster.start(dir.resolve("embedded-" + n), n, FrostBenchmark::kek,
                    ProtocolRegistry.withFrost(), Coordinator.Settings.defaults())) {
                clusterScenarios("loopback, " + n + " in-process nodes", cluster.coordinator(), cluster.nodeIds(), t,
                        iterations);
                if (n == 3) {
                    throughput("3 in-process nodes", cluster.coordinator(), cluster.nodeIds(), seconds);
                }
            }
        }
        if (!sections.contains("processes")) {
            return;
        }
        try (NodeProcessCluster cluster = NodeProcessCluster.start(dir.resolve("processes"), 3,
                Coordinator.Settings.defaults())) {
            clusterScenarios("loopback, 3 node processes", cluster.coordinator(), cluster.nodeIds(), 2, iterations);
            throughput("3 node processes", cluster.coordinator(), cluster.nodeIds(), seconds);
        }
    }

    private static KeyEncryptionKey kek(int i) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return KeyEncryptionKey.of(k);
    }

    private static void clusterScenarios(String label, Coordinator c, List<io.custody.mpc.node.NodeId> nodes, int t,
                                         int iterations) {
        String ed = Ed25519Sha512.INSTANCE.protocolName();
        report(label + " keygen " + t + "-of-" + nodes.size(), iterations,
                () -> c.generateKey(new WalletId("bench"), new KeyId("k" + (++sequence)), ed, t, nodes));
        ThresholdKey key = c.generateKey(new WalletId("bench"), new KeyId("k" + (++sequence)), ed, t, nodes);
        byte[] msg = new byte[32];
        report(label + " sign " + t + "-of-" + nodes.size(), iterations, () -> c.sign(key, msg));
    }

    private static void throughput(String label, Coordinator c, List<io.custody.mpc.node.NodeId> nodes, int seconds)
            throws Exception {
        ThresholdKey key = c.generateKey(new WalletId("bench"), new KeyId("tp" + (++sequence)),
                Ed25519Sha512.INSTANCE.protocolName(), 2, nodes);
        for (int clients : new int[] {1, 4, 16}) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong first = new AtomicLong(System.nanoTime());
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    byte[] msg = new byte[32];
                    while (System.nanoTime() < end) {
                        try {
                            c.sign(key, msg);
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double elapsed = (System.nanoTime() - first.get()) / 1e9;
            System.out.printf(Locale.ROOT, "throughput, %s, %d concurrent sessions | %.1f signatures/s "
                    + "(%d ok, %d failed in %.1f s)%n", label, clients, done.get() / elapsed, done.get(), failed.get(),
                    elapsed);
        }
    }

    private static List<KeyShare> dkg(Ciphersuite cs, int t, int n) {
        List<FrostDkgParty> parties = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            parties.add(new FrostDkgParty(cs, "bench-dkg", i, t, n, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), RANDOM));
        }
        Map<Integer, Step<KeyShare>> out = LocalRun.run(parties);
        List<KeyShare> shares = new ArrayList<>();
        out.values().forEach(s -> shares.add(((Step.Done<KeyShare>) s).result()));
        if (shares.size() != n) {
            throw new IllegalStateException("DKG did not complete");
        }
        return shares;
    }

    private static FrostSignature sign(List<KeyShare> shares, List<Integer> signers) {
        byte[] msg = new byte[32];
        List<FrostSigningParty> parties = signers.stream()
                .map(i -> new FrostSigningParty("bench-sign", shares.get(i - 1), signers, msg, io.custody.mpc.ecdsa.fixtures.TestIdentities.keys(i), RANDOM)).toList();
        Step<FrostSignature> s = LocalRun.run(parties).get(signers.get(0));
        if (!(s instanceof Step.Done<FrostSignature> d)) {
            throw new IllegalStateException("signing did not complete: " + s);
        }
        return d.result();
    }

    private static void report(String label, int iterations, Supplier<?> body) {
        for (int i = 0; i < iterations; i++) {
            body.get();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            body.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s | %.2f | %.2f | %.2f | %.2f | %.2f%n", label, ms[iterations / 2],
                ms[iterations / 10], ms[iterations * 9 / 10], ms[0], ms[iterations - 1]);
    }
}

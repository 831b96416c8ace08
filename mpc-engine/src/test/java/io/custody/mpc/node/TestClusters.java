package io.custody.mpc.node;

import io.custody.mpc.storage.KeyEncryptionKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** Cluster set-up for tests outside this package (the client's), over the node tests' own helpers. */
public final class TestClusters {

    /** ECDSA nodes that never search for primes: only what a test puts into their pools. */
    public static final EcdsaNodeSettings ECDSA_NO_SEARCH = EcdsaTestCluster.SETTINGS;
    /**
     * Patient timeouts for ECDSA runs: on a two-core machine shared with other builds one key generation round (proof
     * verification of every peer) has been seen to take more than the usual 30 s per request.
     */
    public static final Coordinator.Settings SLOW_COORDINATOR = new Coordinator.Settings(
            java.time.Duration.ofSeconds(180), java.time.Duration.ofSeconds(400), java.time.Duration.ofSeconds(2));

    private TestClusters() {
    }

    /** One random key-encryption key per node, the same for every start (so a restarted node reads its files). */
    public static IntFunction<KeyEncryptionKey> fixedKeks(int nodes) {
        return EcdsaTestCluster.fixedKeks(nodes);
    }

    /** Two Paillier keys' worth of fixture primes per node (one key generation and one refresh). */
    public static void prefillEcdsaPools(Path baseDir, int nodes, IntFunction<KeyEncryptionKey> keks) throws IOException {
        EcdsaTestCluster.prefillPools(baseDir, nodes, keks, 6, 4);
    }

    public static boolean ed25519Accepts(byte[] publicKey, byte[] message, byte[] signature) {
        return EmbeddedClusterTest.ed25519Accepts(publicKey, message, signature);
    }
}

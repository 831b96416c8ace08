package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import io.custody.mpc.ecdsa.zk.SecurityLevel;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Test support for ECDSA node tests: fixed key-encryption keys per node (so a restarted cluster reads its own files),
 * safe-prime pools pre-filled from the committed fixture primes (so no test waits for a prime search), and the
 * independent checks of a returned signature (BouncyCastle and web3j, which share no code with the protocol).
 */
final class EcdsaTestCluster {

    static final SecureRandom RANDOM = new SecureRandom();
    /**
     * No background search, pool opened at first use: the fixture file is all the stock there is. The 112-bit level,
     * because the committed fixture primes that fill the pools are 1024-bit ones.
     */
    static final EcdsaNodeSettings SETTINGS = new EcdsaNodeSettings(0, false, Duration.ofMinutes(10), 8,
            SecurityLevel.BITS_112);
    /**
     * Key generation's round 2 (every peer's modulus and parameter proofs, 128 repetitions each since the review) is
     * the longest request a node answers; on a 2-core CI machine running two test classes at once it can take tens of
     * seconds, so requests get two minutes. No test here waits for a timeout to pass.
     */
    static final Coordinator.Settings COORDINATOR = new Coordinator.Settings(Duration.ofSeconds(120),
            Duration.ofSeconds(240), Duration.ofSeconds(2));

    private EcdsaTestCluster() {
    }

    /** One random KEK per node for the life of a test class. */
    static IntFunction<KeyEncryptionKey> fixedKeks(int nodes) {
        byte[][] keys = new byte[nodes + 1][32];
        for (byte[] k : keys) RANDOM.nextBytes(k);
        return i -> KeyEncryptionKey.of(keys[i].clone());
    }

    /**
     * Stocks node {@code index}'s pool with {@code count} fixture primes starting at {@code first}, through the pool
     * itself under the node's own pool key. Reopens the pool afterwards and fails at once if it does not see all of
     * them, so a key or path mix-up cannot turn the tests into a silent prime search.
     */
    static void prefillPool(Path baseDir, int index, IntFunction<KeyEncryptionKey> keks, int first, int count)
            throws IOException {
        Path nodeDir = Files.createDirectories(EmbeddedCluster.nodeDir(baseDir, index));
        byte[] key = PrimePoolKey.loadOrCreate(new EncryptedShareStore(nodeDir, keks.apply(index), RANDOM), RANDOM);
        java.util.List<BigInteger> primes = new java.util.ArrayList<>();
        for (int i = first; i < first + count; i++) primes.add(FixturePrimes.prime(i));
        Path file = nodeDir.resolve(EcdsaProtocolFactory.poolFile(SETTINGS.primeBits()));
        try (SafePrimePool pool = new SafePrimePool(file, key, SETTINGS.primeBits(), 0, RANDOM)) {
            pool.add(primes);
        }
        try (SafePrimePool check = new SafePrimePool(file, key, SETTINGS.primeBits(), 0, RANDOM)) {
            if (check.size() != count) {
                throw new IllegalStateException("pool sees " + check.size() + " of " + count + " fixture primes");
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Pools for nodes 1..n with disjoint fixture primes, {@code perNode} each (two per key generation or refresh). */
    static void prefillPools(Path baseDir, int nodes, IntFunction<KeyEncryptionKey> keks, int firstPrime, int perNode)
            throws IOException {
        for (int i = 1; i <= nodes; i++) {
            prefillPool(baseDir, i, keks, firstPrime + (i - 1) * perNode, perNode);
        }
    }

    /** BouncyCastle's ECDSA verification of (r, s) over {@code digest} under {@code key}. */
    static boolean bouncyCastleAccepts(ECPoint key, byte[] digest, RecoverableSignature sig) {
        var verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
        verifier.init(false, new org.bouncycastle.crypto.params.ECPublicKeyParameters(key,
                new org.bouncycastle.crypto.params.ECDomainParameters(Secp256k1.PARAMS)));
        return verifier.verifySignature(digest, sig.r(), sig.s());
    }

    /** The Ethereum address web3j recovers from a signature over {@code message} (Keccak-256 inside web3j). */
    static String web3jRecoveredAddress(byte[] message, RecoverableSignature sig) throws Exception {
        Sign.SignatureData data = new Sign.SignatureData((byte) (27 + sig.v()), sig.r32(), sig.s32());
        return Keys.getAddress(Sign.signedMessageToKey(message, data));
    }

    /** The Ethereum address of a secp256k1 public key, computed by web3j from the uncompressed coordinates. */
    static String ethereumAddress(ECPoint key) {
        byte[] uncompressed = key.normalize().getEncoded(false);
        return Keys.getAddress(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 65)));
    }
}

package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.fixtures.FixturePrimes;
import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.IntFunction;

/**
 * Test support for ECDSA node tests: fixed key-encryption keys per node (so a restarted cluster reads its own files),
 * safe-prime pools pre-filled from the committed fixture primes (so no test waits for a prime search), and the
 * independent checks of a returned signature (BouncyCastle and web3j, which share no code with the protocol).
 */
final class EcdsaTestCluster {

    static final SecureRandom RANDOM = new SecureRandom();
    /** No background search, pool opened at first use: the fixture file is all the stock there is. */
    static final EcdsaNodeSettings SETTINGS = new EcdsaNodeSettings(0, false, Duration.ofMinutes(10), 8);
    static final Coordinator.Settings COORDINATOR = new Coordinator.Settings(Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(2));

    private EcdsaTestCluster() {
    }

    /** One random KEK per node for the life of a test class. */
    static IntFunction<KeyEncryptionKey> fixedKeks(int nodes) {
        byte[][] keys = new byte[nodes + 1][32];
        for (byte[] k : keys) RANDOM.nextBytes(k);
        return i -> KeyEncryptionKey.of(keys[i].clone());
    }

    /**
     * Writes node {@code index}'s pool file with {@code count} fixture primes starting at {@code first}, sealed under
     * the node's own pool key, in the format SafePrimePool reads (one Base64 line of nonce || AES-256-GCM per prime,
     * associated data "safe-prime-pool/v1/1024"). Opens the pool afterwards and fails at once if it does not see all
     * of them, so a change of that format cannot turn the tests into a silent prime search.
     */
    static void prefillPool(Path baseDir, int index, IntFunction<KeyEncryptionKey> keks, int first, int count)
            throws IOException {
        Path nodeDir = Files.createDirectories(EmbeddedCluster.nodeDir(baseDir, index));
        byte[] key = PrimePoolKey.loadOrCreate(new EncryptedShareStore(nodeDir, keks.apply(index), RANDOM), RANDOM);
        StringBuilder lines = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            lines.append(Base64.getEncoder().encodeToString(seal(key, FixturePrimes.prime(i).toByteArray())))
                    .append('\n');
        }
        Path file = nodeDir.resolve(EcdsaProtocolFactory.POOL_FILE);
        Files.writeString(file, lines, StandardCharsets.US_ASCII);
        try (SafePrimePool check = new SafePrimePool(file, key, EcdsaNodeSettings.PRIME_BITS, 0, RANDOM)) {
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

    private static byte[] seal(byte[] key, byte[] plain) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce,
                ("safe-prime-pool/v1/" + EcdsaNodeSettings.PRIME_BITS).getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[12 + gcm.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, 12);
        int n = gcm.processBytes(plain, 0, plain.length, out, 12);
        try {
            gcm.doFinal(out, 12 + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
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

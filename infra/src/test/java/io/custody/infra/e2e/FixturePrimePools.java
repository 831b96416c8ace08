package io.custody.infra.e2e;

import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.node.EmbeddedCluster;
import io.custody.mpc.node.PrimePoolKey;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.KeyEncryptionKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Prepares the embedded MPC nodes' directories as a filled installation would have them, the way mpc-engine's own
 * tests do: a development key-encryption key per node (the file the application would otherwise generate) and each
 * node's encrypted safe-prime pool stocked, through the pool itself under the node's own pool key, with two committed
 * fixture primes (two per ECDSA key generation). The application then runs at the 112-bit level (1024-bit primes) with
 * no background search ({@code prime-pool.target=0}).
 */
final class FixturePrimePools {

    static final String[] APPLICATION_ARGS = {
            "--custody.mpc.ecdsa.security-level=112", "--custody.mpc.ecdsa.prime-pool.target=0"};

    private static final SecureRandom RANDOM = new SecureRandom();

    private FixturePrimePools() {
    }

    /** Stocks nodes 1..3 under {@code mpcDir} with {@code perNode} distinct fixture primes each (two per key). */
    static void stock(Path mpcDir, int perNode) {
        List<BigInteger> primes = primes();
        try {
            for (int node = 1; node <= 3; node++) {
                Path kekFile = mpcDir.resolve("dev-keks/node-" + node + ".kek");
                if (!Files.exists(kekFile)) {
                    Files.createDirectories(kekFile.getParent());
                    byte[] key = new byte[32];
                    RANDOM.nextBytes(key);
                    Files.write(kekFile, Base64.getEncoder().encode(key));
                    Arrays.fill(key, (byte) 0);
                }
                Path nodeDir = Files.createDirectories(EmbeddedCluster.nodeDir(mpcDir, node));
                byte[] poolKey = PrimePoolKey.loadOrCreate(new EncryptedShareStore(nodeDir,
                        KeyEncryptionKey.fromFile(kekFile), RANDOM), RANDOM);
                int from = (node - 1) * perNode;
                try (SafePrimePool pool = new SafePrimePool(nodeDir.resolve("ecdsa-safe-primes-1024.pool"), poolKey,
                        1024, 0, RANDOM)) {
                    pool.add(primes.subList(from, from + perNode));
                    if (pool.size() < perNode) {
                        throw new IllegalStateException("node " + node + "'s pool took " + pool.size() + " primes");
                    }
                } finally {
                    Arrays.fill(poolKey, (byte) 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BigInteger> primes() {
        var in = FixturePrimePools.class.getResourceAsStream("safe-primes-1024.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            List<BigInteger> out = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(new BigInteger(line.trim(), 16));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

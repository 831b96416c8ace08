package io.custody.mpc.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * How a node runs threshold ECDSA (docs/adr/ecdsa-006).
 *
 * @param primePoolTarget     safe primes the background thread keeps in stock (a key generation or refresh takes two);
 *                            0 turns the search off, for tests that pre-fill the pool
 * @param openPoolAtStart     open the pool (and start its fill) when the node starts; false opens it at the first ECDSA
 *                            key generation or refresh, so a process that never uses ECDSA never searches for primes
 * @param presignatureTtl     how long an unused presignature stays usable at the node
 * @param presignaturesPerKey most unused presignatures a node holds for one key; further PRESIGN requests are refused
 */
public record EcdsaNodeSettings(int primePoolTarget, boolean openPoolAtStart, Duration presignatureTtl,
                                int presignaturesPerKey) {

    /** Bits of each safe prime: two make the 2048-bit Paillier modulus the proofs require. */
    public static final int PRIME_BITS = 1024;

    public EcdsaNodeSettings {
        if (primePoolTarget < 0) throw new IllegalArgumentException("prime pool target must be >= 0");
        if (presignatureTtl.isNegative() || presignatureTtl.isZero()) {
            throw new IllegalArgumentException("presignature TTL must be positive");
        }
        if (presignaturesPerKey < 1) throw new IllegalArgumentException("presignatures per key must be >= 1");
    }

    /** A stand-alone node: stock of 4 primes (two key generations) filled from start, 10 minutes, 32 per key. */
    public static EcdsaNodeSettings defaults() {
        return new EcdsaNodeSettings(4, true, Duration.ofMinutes(10), 32);
    }

    /**
     * Reads the optional {@code ecdsa.prime-pool.target}, {@code ecdsa.prime-pool.open-at-start},
     * {@code ecdsa.presignature.ttl.seconds} and {@code ecdsa.presignature.per-key} of a node's properties file.
     */
    public static EcdsaNodeSettings fromProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        EcdsaNodeSettings d = defaults();
        return new EcdsaNodeSettings(
                Integer.parseInt(p.getProperty("ecdsa.prime-pool.target", String.valueOf(d.primePoolTarget())).trim()),
                Boolean.parseBoolean(p.getProperty("ecdsa.prime-pool.open-at-start",
                        String.valueOf(d.openPoolAtStart())).trim()),
                Duration.ofSeconds(Long.parseLong(p.getProperty("ecdsa.presignature.ttl.seconds",
                        String.valueOf(d.presignatureTtl().toSeconds())).trim())),
                Integer.parseInt(p.getProperty("ecdsa.presignature.per-key",
                        String.valueOf(d.presignaturesPerKey())).trim()));
    }
}

package io.custody.mpc.node;

import io.custody.mpc.ecdsa.zk.SecurityLevel;

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
 * @param securityLevel       level of the keys this node generates and refreshes (docs/adr/ecdsa-009): the size of
 *                            its pool's safe primes; every party of a run must use the same one
 */
public record EcdsaNodeSettings(int primePoolTarget, boolean openPoolAtStart, Duration presignatureTtl,
                                int presignaturesPerKey, SecurityLevel securityLevel) {

    /** At the default level: {@link SecurityLevel#DEFAULT}. */
    public EcdsaNodeSettings(int primePoolTarget, boolean openPoolAtStart, Duration presignatureTtl,
                             int presignaturesPerKey) {
        this(primePoolTarget, openPoolAtStart, presignatureTtl, presignaturesPerKey, SecurityLevel.DEFAULT);
    }

    /** Bits of each safe prime of the node's pool: two make a Paillier modulus of exactly the level's size. */
    public int primeBits() {
        return securityLevel.primeBits();
    }

    public EcdsaNodeSettings {
        java.util.Objects.requireNonNull(securityLevel, "securityLevel");
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
     * {@code ecdsa.presignature.ttl.seconds}, {@code ecdsa.presignature.per-key} and {@code ecdsa.security-level}
     * (112 or 128) of a node's properties file.
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
                        String.valueOf(d.presignaturesPerKey())).trim()),
                SecurityLevel.ofBits(Integer.parseInt(p.getProperty("ecdsa.security-level",
                        String.valueOf(d.securityLevel().bits())).trim())).orElseThrow(
                                () -> new IllegalArgumentException("ecdsa.security-level must be 112 or 128")));
    }
}

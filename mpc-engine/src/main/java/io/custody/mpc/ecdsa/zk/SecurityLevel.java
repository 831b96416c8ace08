package io.custody.mpc.ecdsa.zk;

import java.util.Optional;

/**
 * The security level of a threshold ECDSA key, as a named choice rather than a modulus size chosen somewhere: it fixes
 * the exact size of every Paillier and ring-Pedersen modulus (both safe primes of half that size), and it is hashed
 * into every proof transcript, so a proof made at one level never verifies at another. A key's level is the size of
 * its own modulus; every peer's modulus must have exactly that size (a larger one is refused as well as a smaller one:
 * an oversized modulus is a denial of service on every verifier, review finding 3). Docs: docs/adr/ecdsa-009.
 */
public enum SecurityLevel {

    /** 112-bit (NIST SP 800-57: acceptable through 2030): 2048-bit N from two 1024-bit safe primes. */
    BITS_112(112, 2048),
    /** 128-bit: 3072-bit N from two 1536-bit safe primes. */
    BITS_128(128, 3072);

    /** The level new keys get unless configured otherwise (docs/adr/ecdsa-009 says why). */
    public static final SecurityLevel DEFAULT = BITS_128;

    private final int bits;
    private final int modulusBits;

    SecurityLevel(int bits, int modulusBits) {
        this.bits = bits;
        this.modulusBits = modulusBits;
    }

    /** The nominal level in bits (112 or 128); this is what transcripts and messages carry. */
    public int bits() {
        return bits;
    }

    /** Exact bit length of every Paillier / ring-Pedersen modulus at this level. */
    public int modulusBits() {
        return modulusBits;
    }

    /** Exact bit length of each safe prime of a modulus. */
    public int primeBits() {
        return modulusBits / 2;
    }

    /** The level whose moduli have exactly {@code bits} bits, if any. */
    public static Optional<SecurityLevel> ofModulusBits(int bits) {
        for (SecurityLevel l : values()) if (l.modulusBits == bits) return Optional.of(l);
        return Optional.empty();
    }

    /** The level named by its nominal bits (112 or 128), as carried on the wire and in settings. */
    public static Optional<SecurityLevel> ofBits(int bits) {
        for (SecurityLevel l : values()) if (l.bits == bits) return Optional.of(l);
        return Optional.empty();
    }

    /** The level of a modulus, refusing a size that belongs to no level. */
    public static SecurityLevel ofModulus(java.math.BigInteger n) {
        return ofModulusBits(n.bitLength()).orElseThrow(() -> new IllegalArgumentException(
                "a " + n.bitLength() + "-bit modulus belongs to no security level (2048 or 3072 bits)"));
    }
}

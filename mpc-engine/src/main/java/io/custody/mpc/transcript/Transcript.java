package io.custody.mpc.transcript;

import org.bouncycastle.crypto.digests.SHAKEDigest;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The one Fiat-Shamir transcript of the engine: every value is absorbed as (label, length, bytes) into SHAKE256 under
 * a fixed domain, so no two different sequences of appends can produce the same state, and challenges are squeezed
 * from a copy of the state, so a challenge depends on everything appended before it.
 *
 * <p>Challenges are drawn by rejection sampling from the XOF, never by reducing a short hash, so they are uniform over
 * the full range the papers ask for (±q for the sigma protocols, Z_N for the modulus proof, m bits for binary ones).
 */
public final class Transcript {

    private static final byte[] DOMAIN = "io.custody.mpc/transcript/v1".getBytes(StandardCharsets.UTF_8);

    private final SHAKEDigest state;

    private Transcript(SHAKEDigest state) {
        this.state = state;
    }

    /** A transcript bound to a proof or protocol label and to its context (session, protocol, round, parties, level). */
    public static Transcript start(String label, ProofContext context) {
        Transcript t = new Transcript(new SHAKEDigest(256));
        t.absorb(DOMAIN);
        t.append("label", label);
        t.append("session", context.sessionId());
        t.append("protocol", context.protocol());
        t.append("round", context.round());
        t.append("prover", context.prover());
        t.append("verifier", context.verifier());
        t.append("security-level", context.level().bits());
        return t;
    }

    public Transcript append(String label, byte[] value) {
        absorb(label.getBytes(StandardCharsets.UTF_8));
        absorb(value);
        return this;
    }

    public Transcript append(String label, String value) {
        return append(label, value.getBytes(StandardCharsets.UTF_8));
    }

    public Transcript append(String label, long value) {
        return append(label, BigInteger.valueOf(value));
    }

    /** Signed big-endian two's complement, so negative proof responses have a distinct encoding. */
    public Transcript append(String label, BigInteger value) {
        return append(label, value.toByteArray());
    }

    /** A challenge uniform in [-q, q]. */
    public BigInteger challengeSymmetric(String label, BigInteger q) {
        BigInteger width = q.shiftLeft(1).add(BigInteger.ONE);
        return challengeBelow(label, width).subtract(q);
    }

    /** A challenge uniform in [0, bound). */
    public BigInteger challengeBelow(String label, BigInteger bound) {
        if (bound.signum() <= 0) throw new IllegalArgumentException("bound must be positive");
        SHAKEDigest squeeze = new SHAKEDigest(state);
        byte[] tag = label.getBytes(StandardCharsets.UTF_8);
        absorbInto(squeeze, "challenge".getBytes(StandardCharsets.UTF_8));
        absorbInto(squeeze, tag);
        int bits = bound.bitLength();
        byte[] buf = new byte[(bits + 7) / 8];
        int excess = buf.length * 8 - bits;
        while (true) {
            squeeze.doOutput(buf, 0, buf.length);
            buf[0] &= (byte) (0xff >>> excess);
            BigInteger candidate = new BigInteger(1, buf);
            if (candidate.compareTo(bound) < 0) {
                append(label, candidate);
                return candidate;
            }
        }
    }

    /** {@code count} independent challenges in [0, bound), each bound to everything absorbed so far. */
    public BigInteger[] challengesBelow(String label, BigInteger bound, int count) {
        BigInteger[] out = new BigInteger[count];
        for (int i = 0; i < count; i++) out[i] = challengeBelow(label + "/" + i, bound);
        return out;
    }

    /** {@code count} challenge bits from one squeeze over the whole transcript. */
    public boolean[] challengeBits(String label, int count) {
        BigInteger all = challengeBelow(label, BigInteger.ONE.shiftLeft(count));
        boolean[] bits = new boolean[count];
        for (int i = 0; i < count; i++) bits[i] = all.testBit(i);
        return bits;
    }

    private void absorb(byte[] value) {
        absorbInto(state, value);
    }

    private static void absorbInto(SHAKEDigest digest, byte[] value) {
        int n = value.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, 0, 4);
        digest.update(value, 0, n);
    }
}

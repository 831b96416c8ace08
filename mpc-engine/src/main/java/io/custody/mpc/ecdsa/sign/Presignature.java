package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.zk.SecurityLevel;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One party's output of the presigning protocol: its nonce share k_i and chi_i = (k x)_i share, and the public values
 * every signer agrees on: R = k^-1 G (before re-randomisation), and for each signer j the points k_j R and chi_j R
 * that let every party check each signature share.
 *
 * <p>Single use: {@link #consume()} hands the secrets out once and forgets them; a second call fails, so a
 * presignature can never sign two messages (two signatures with one nonce reveal the key).
 *
 * <p>Only the engine makes and spends presignatures: the constructor and {@link #consume()} are package-private
 * (the presigning party builds them, the signing party spends them). A caller holding one can hand it to
 * {@link SignParty} or {@link #destroy()} it, but cannot build a second object around the same nonce, read the nonce
 * out, clone it (final, not {@link Cloneable}) or serialise it (not {@link java.io.Serializable}; presignatures are
 * never persisted, docs/adr/ecdsa-006). Single use therefore holds per nonce, not only per Java object, and the layer
 * that holds presignatures (the node's stock) adds a consumed-id registry on top.
 */
public final class Presignature {

    private final String id;
    private final int partyIndex;
    private final List<Integer> signers;
    private final ECPoint bigR;
    private final SortedMap<Integer, ECPoint> nonceCommitments;
    private final SortedMap<Integer, ECPoint> chiCommitments;
    private final ECPoint publicKey;
    private final byte[] chainCode;
    private final SecurityLevel level;
    private BigInteger k;
    private BigInteger chi;
    private boolean consumed;

    Presignature(String id, int partyIndex, List<Integer> signers, ECPoint bigR,
                        Map<Integer, ECPoint> nonceCommitments, Map<Integer, ECPoint> chiCommitments,
                        ECPoint publicKey, byte[] chainCode, SecurityLevel level, BigInteger k, BigInteger chi) {
        this.id = id;
        this.partyIndex = partyIndex;
        this.signers = List.copyOf(signers);
        this.bigR = bigR;
        this.nonceCommitments = new TreeMap<>(nonceCommitments);
        this.chiCommitments = new TreeMap<>(chiCommitments);
        this.publicKey = publicKey;
        this.chainCode = chainCode.clone();
        this.level = level;
        this.k = k;
        this.chi = chi;
    }

    /** The presigning session id; signers check they all consume the same one. */
    public String id() {
        return id;
    }

    public int partyIndex() {
        return partyIndex;
    }

    public List<Integer> signers() {
        return signers;
    }

    public ECPoint bigR() {
        return bigR;
    }

    /** k_j R for signer j. */
    public ECPoint nonceCommitment(int j) {
        return nonceCommitments.get(j);
    }

    /** chi_j R for signer j. */
    public ECPoint chiCommitment(int j) {
        return chiCommitments.get(j);
    }

    public ECPoint publicKey() {
        return publicKey;
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    /** The security level of the key it was made with; the online round's transcript is bound to it. */
    public SecurityLevel level() {
        return level;
    }

    public synchronized boolean isConsumed() {
        return consumed;
    }

    /** The secret pair (k_i, chi_i), exactly once; only the signing party of this package may take it. */
    synchronized BigInteger[] consume() {
        if (consumed) throw new PresignatureReusedException(id);
        consumed = true;
        BigInteger[] out = {k, chi};
        k = null;
        chi = null;
        return out;
    }

    /**
     * Drops the secrets without handing them out (unused presignatures that expire, are refused or are discarded);
     * afterwards the presignature counts as used. Does nothing when it is already used.
     */
    public synchronized void destroy() {
        consumed = true;
        k = null;
        chi = null;
    }

    @Override
    public String toString() {
        return "Presignature[id=" + id + " party=" + partyIndex + " signers=" + signers + " consumed=" + consumed
                + " secrets redacted]";
    }

    /** Refusal to sign with a presignature that was already used. */
    public static final class PresignatureReusedException extends IllegalStateException {
        public PresignatureReusedException(String id) {
            super("presignature " + id + " was already used");
        }
    }
}

package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import org.bouncycastle.math.ec.ECPoint;

import io.custody.mpc.ecdsa.zk.SecurityLevel;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One party's output of key generation or refresh: its Shamir share x_i of the joint secret, the public view every
 * party agrees on (joint key, each party's public share X_j = x_j G, chain code, everyone's Paillier key and
 * ring-Pedersen parameters), and its own Paillier secret key.
 *
 * <p>{@code threshold} is t: any t + 1 parties sign. {@link #toString()} prints no secret; {@link #destroy()} drops
 * them once the share is superseded by a refresh.
 */
public final class KeyShare {

    private final int partyIndex;
    private final int threshold;
    private final int generation;
    private BigInteger secretShare;
    private final ECPoint publicKey;
    private final SortedMap<Integer, ECPoint> publicShares;
    private final byte[] chainCode;
    private final PaillierSecretKey paillierSecret;
    private final SortedMap<Integer, PaillierPublicKey> paillierKeys;
    private final SortedMap<Integer, RingPedersen> ringPedersen;

    public KeyShare(int partyIndex, int threshold, int generation, BigInteger secretShare, ECPoint publicKey,
                    Map<Integer, ECPoint> publicShares, byte[] chainCode, PaillierSecretKey paillierSecret,
                    Map<Integer, PaillierPublicKey> paillierKeys, Map<Integer, RingPedersen> ringPedersen) {
        this.partyIndex = partyIndex;
        this.threshold = threshold;
        this.generation = generation;
        this.secretShare = secretShare;
        this.publicKey = publicKey;
        this.publicShares = new TreeMap<>(publicShares);
        this.chainCode = chainCode.clone();
        this.paillierSecret = paillierSecret;
        this.paillierKeys = new TreeMap<>(paillierKeys);
        this.ringPedersen = new TreeMap<>(ringPedersen);
        // One level per key: every party's modulus has exactly the size of this party's own (keygen enforced it;
        // this catches a stored share that was edited or assembled by hand).
        SecurityLevel level = SecurityLevel.ofModulus(paillierSecret.publicKey().n());
        this.paillierKeys.forEach((p, k) -> {
            if (k.n().bitLength() != level.modulusBits() || this.ringPedersen.get(p) == null
                    || this.ringPedersen.get(p).n().bitLength() != level.modulusBits()) {
                throw new IllegalArgumentException("party " + p + "'s modulus is not of the key's " + level.bits()
                        + "-bit level");
            }
        });
    }

    /** The key's security level: the size of its Paillier moduli, which every signer's proofs are bound to. */
    public SecurityLevel level() {
        return SecurityLevel.ofModulus(paillierKeys.get(partyIndex).n());
    }

    public int partyIndex() {
        return partyIndex;
    }

    public int threshold() {
        return threshold;
    }

    /** 0 after key generation, +1 per refresh: lets storage refuse to mix shares of different generations. */
    public int generation() {
        return generation;
    }

    public List<Integer> parties() {
        return List.copyOf(publicShares.keySet());
    }

    public BigInteger secretShare() {
        if (secretShare == null) throw new IllegalStateException("key share was destroyed");
        return secretShare;
    }

    public ECPoint publicKey() {
        return publicKey;
    }

    public ECPoint publicShare(int party) {
        return publicShares.get(party);
    }

    public SortedMap<Integer, ECPoint> publicShares() {
        return new TreeMap<>(publicShares);
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    public PaillierSecretKey paillierSecret() {
        return paillierSecret;
    }

    public PaillierPublicKey paillierKey(int party) {
        return paillierKeys.get(party);
    }

    public RingPedersen ringPedersen(int party) {
        return ringPedersen.get(party);
    }

    public SortedMap<Integer, PaillierPublicKey> paillierKeys() {
        return new TreeMap<>(paillierKeys);
    }

    public SortedMap<Integer, RingPedersen> ringPedersenParams() {
        return new TreeMap<>(ringPedersen);
    }

    /**
     * The joint public key as a 33-byte compressed SEC1 point (02/03 prefix + x). Not the 65-byte uncompressed form an
     * Ethereum address is hashed from: callers deriving an address decompress it first.
     */
    public byte[] publicKeyCompressed() {
        return Secp256k1.encode(publicKey);
    }

    public void destroy() {
        secretShare = null;
        paillierSecret.destroy();
    }

    @Override
    public String toString() {
        return "KeyShare[party=" + partyIndex + " t=" + threshold + " n=" + publicShares.size() + " generation="
                + generation + " publicKey=" + org.bouncycastle.util.encoders.Hex.toHexString(publicKeyCompressed())
                + " secret redacted]";
    }
}

package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * The public outcome of key generation or refresh, the same at every party: the group key, every party's verifying
 * share (used to check its signature shares), the threshold (minimum number of signers) and the suite.
 */
public record PublicKeyPackage(Ciphersuite suite, int threshold, ECPoint groupPublicKey,
                               Map<Integer, ECPoint> verifyingShares) {
    public PublicKeyPackage {
        groupPublicKey = groupPublicKey.normalize();
        TreeMap<Integer, ECPoint> copy = new TreeMap<>();
        verifyingShares.forEach((k, v) -> copy.put(k, v.normalize()));
        verifyingShares = java.util.Collections.unmodifiableMap(copy);
        if (threshold < 1 || threshold > verifyingShares.size()) {
            throw new IllegalArgumentException("threshold must be between 1 and the number of parties");
        }
    }

    public int parties() {
        return verifyingShares.size();
    }

    public byte[] groupPublicKeyBytes() {
        return suite.serializeElement(groupPublicKey);
    }

    byte[] encode() {
        Wire.Writer w = new Wire.Writer().u16(threshold).u16(verifyingShares.size()).bytes(groupPublicKeyBytes());
        verifyingShares.forEach((id, y) -> w.u16(id).bytes(suite.serializeElement(y)));
        return w.done();
    }

    /** Decodes a package read from the node's own authenticated storage (see deserializeStoredElement). */
    static PublicKeyPackage decodeStored(Ciphersuite cs, Wire.Reader r) {
        int t = r.u16();
        int n = r.u16();
        ECPoint y = r.storedElement(cs);
        Map<Integer, ECPoint> shares = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            shares.put(r.u16(), r.storedElement(cs));
        }
        return new PublicKeyPackage(cs, t, y, shares);
    }
}

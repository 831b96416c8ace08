package io.custody.mpc.frost;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One party's long-lived secret: its signing share s_i of the group key, with the public key package it belongs to.
 * Serialised only to be encrypted by the share store; {@link #toString()} never prints the share.
 */
public final class KeyShare {

    private final int identifier;
    private final SecretScalar signingShare;
    private final PublicKeyPackage publicKeyPackage;

    public KeyShare(int identifier, SecretScalar signingShare, PublicKeyPackage publicKeyPackage) {
        this.identifier = identifier;
        this.signingShare = signingShare;
        this.publicKeyPackage = publicKeyPackage;
        if (!publicKeyPackage.verifyingShares().containsKey(identifier)) {
            throw new IllegalArgumentException("identifier " + identifier + " has no verifying share");
        }
        // A share that does not match its published verifying share would only produce rejected signature shares.
        if (!publicKeyPackage.suite().multiplyBase(signingShare.value())
                .equals(publicKeyPackage.verifyingShares().get(identifier))) {
            throw new IllegalArgumentException("signing share does not match its verifying share");
        }
    }

    public int identifier() {
        return identifier;
    }

    public Ciphersuite suite() {
        return publicKeyPackage.suite();
    }

    public PublicKeyPackage publicKeyPackage() {
        return publicKeyPackage;
    }

    /** The share as a scalar, for the signing and refresh machines of this package only. */
    BigInteger secret() {
        return signingShare.value();
    }

    public void destroy() {
        signingShare.destroy();
    }

    /** Plaintext form for the encrypting share store; the caller zeroises the returned array after use. */
    public byte[] toBytes() {
        byte[] s = suite().serializeScalar(signingShare.value());
        try {
            return new Wire.Writer().u16(identifier).bytes(s).bytes(publicKeyPackage.encode()).done();
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /**
     * Parses the plaintext of a stored share. Meant for bytes that come out of the authenticated share store: the
     * public points skip the subgroup check (ADR frost-001), the share itself is still checked against its
     * verifying share.
     */
    public static KeyShare fromBytes(Ciphersuite cs, byte[] bytes) {
        Wire.Reader r = new Wire.Reader(bytes);
        int id = r.u16();
        byte[] s = r.bytes(cs.scalarLength());
        try {
            BigInteger share = cs.deserializeScalar(s);
            PublicKeyPackage pkg = PublicKeyPackage.decodeStored(cs, new Wire.Reader(r.bytes(bytes.length - 3 - s.length)));
            r.end();
            return new KeyShare(id, SecretScalar.of(share), pkg);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "KeyShare[" + suite() + " party " + identifier + " of " + publicKeyPackage.parties() + ", threshold "
                + publicKeyPackage.threshold() + ", share redacted]";
    }
}

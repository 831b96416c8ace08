package io.custody.mpc.ecdsa.bip32;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Non-hardened BIP32 derivation (CKDpub) from the joint public key and the chain code agreed at key generation.
 * The sum of the I_L values along the path is the additive tweak: the child secret is x + tweak, so signers apply it
 * publicly and nobody's share changes. Hardened steps need the whole secret and are refused.
 */
public final class Bip32 {

    /** First hardened index; everything at or above it is refused. */
    public static final long HARDENED = 0x80000000L;

    private Bip32() {
    }

    /** A derived public key, its chain code, the accumulated tweak, and the data an xpub needs. */
    public record Derived(ECPoint publicKey, byte[] chainCode, BigInteger tweak, int depth, byte[] parentFingerprint,
                          long childNumber) {
    }

    public static Derived derive(ECPoint root, byte[] rootChainCode, List<Integer> path) {
        return derive(new Derived(root, rootChainCode, BigInteger.ZERO, 0, new byte[4], 0), path);
    }

    public static Derived derive(Derived start, List<Integer> path) {
        Derived cur = start;
        for (int index : path) cur = child(cur, index);
        return cur;
    }

    public static Derived child(Derived parent, long index) {
        if (index < 0 || index >= HARDENED) throw new IllegalArgumentException("hardened or negative index " + index);
        byte[] data = new byte[37];
        System.arraycopy(Secp256k1.encode(parent.publicKey()), 0, data, 0, 33);
        data[33] = (byte) (index >>> 24);
        data[34] = (byte) (index >>> 16);
        data[35] = (byte) (index >>> 8);
        data[36] = (byte) index;
        HMac mac = new HMac(new SHA512Digest());
        mac.init(new KeyParameter(parent.chainCode()));
        mac.update(data, 0, data.length);
        byte[] i = new byte[64];
        mac.doFinal(i, 0);
        BigInteger il = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
        // BIP32: such an index is invalid and the caller moves to the next one; probability below 2^-127
        if (il.compareTo(Secp256k1.Q) >= 0) throw new IllegalArgumentException("invalid child index " + index);
        ECPoint child = Secp256k1.mulG(il).add(parent.publicKey()).normalize();
        if (child.isInfinity()) throw new IllegalArgumentException("invalid child index " + index);
        return new Derived(child, Arrays.copyOfRange(i, 32, 64), parent.tweak().add(il).mod(Secp256k1.Q),
                parent.depth() + 1, ExtendedPublicKey.fingerprint(parent.publicKey()), index);
    }
}

package io.custody.mpc.ecdsa.sign;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * How the signing protocol hashes the message itself. Callers hand over the message (for Ethereum the signing payload
 * of the transaction), never a ready digest: a raw digest chosen after the presignature is known is the lever of
 * CVE-2025-66017-style forgeries.
 */
public enum MessageDigest {
    KECCAK_256,
    SHA_256;

    public byte[] digest(byte[] message) {
        Digest d = this == KECCAK_256 ? new KeccakDigest(256) : new SHA256Digest();
        d.update(message, 0, message.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}

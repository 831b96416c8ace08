package io.custody.mpc.frost;

import org.bouncycastle.crypto.digests.SHA256Digest;

import java.math.BigInteger;

/**
 * expand_message_xmd with SHA-256 and hash_to_field for a prime field, RFC 9380 sections 5.2 and 5.3.1, which
 * FROST(secp256k1, SHA-256) uses for H1, H2 and H3 with L = 48 bytes.
 */
final class ExpandMessageXmd {

    private static final int B_IN_BYTES = 32;
    private static final int R_IN_BYTES = 64;

    private ExpandMessageXmd() {
    }

    static byte[] expand(byte[] msg, byte[] dst, int lenInBytes) {
        int ell = (lenInBytes + B_IN_BYTES - 1) / B_IN_BYTES;
        if (ell > 255 || lenInBytes > 65535 || dst.length > 255) {
            throw new IllegalArgumentException("expand_message_xmd parameters out of range");
        }
        byte[] dstPrime = new byte[dst.length + 1];
        System.arraycopy(dst, 0, dstPrime, 0, dst.length);
        dstPrime[dst.length] = (byte) dst.length;

        SHA256Digest h = new SHA256Digest();
        h.update(new byte[R_IN_BYTES], 0, R_IN_BYTES);
        h.update(msg, 0, msg.length);
        h.update((byte) (lenInBytes >>> 8));
        h.update((byte) lenInBytes);
        h.update((byte) 0);
        h.update(dstPrime, 0, dstPrime.length);
        byte[] b0 = new byte[B_IN_BYTES];
        h.doFinal(b0, 0);

        byte[] out = new byte[ell * B_IN_BYTES];
        byte[] prev = new byte[B_IN_BYTES];
        for (int i = 1; i <= ell; i++) {
            byte[] in = new byte[B_IN_BYTES];
            for (int j = 0; j < B_IN_BYTES; j++) {
                in[j] = (byte) (b0[j] ^ (i == 1 ? 0 : prev[j]));
            }
            h.update(in, 0, in.length);
            h.update((byte) i);
            h.update(dstPrime, 0, dstPrime.length);
            h.doFinal(prev, 0);
            System.arraycopy(prev, 0, out, (i - 1) * B_IN_BYTES, B_IN_BYTES);
        }
        byte[] result = new byte[lenInBytes];
        System.arraycopy(out, 0, result, 0, lenInBytes);
        return result;
    }

    /** hash_to_field with count = 1 and m = 1. */
    static BigInteger hashToField(byte[] msg, byte[] dst, BigInteger modulus, int l) {
        return new BigInteger(1, expand(msg, dst, l)).mod(modulus);
    }
}

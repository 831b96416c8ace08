package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.sign.EcdsaSignature;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A secp256k1 ECDSA signature as the nodes return it: r (32 bytes) || s (32 bytes, low-s) || v (1 byte, the recovery
 * id 0 or 1; Ethereum adds 27 or the EIP-155 chain offset itself), 65 bytes.
 */
public record RecoverableSignature(BigInteger r, BigInteger s, int v) {

    public static final int LENGTH = 65;

    public RecoverableSignature {
        if (r.signum() <= 0 || r.compareTo(Secp256k1.Q) >= 0) throw new IllegalArgumentException("r out of range");
        if (s.signum() <= 0 || s.compareTo(Secp256k1.Q) >= 0) throw new IllegalArgumentException("s out of range");
        if (v != 0 && v != 1) throw new IllegalArgumentException("recovery id must be 0 or 1");
    }

    static RecoverableSignature of(EcdsaSignature s) {
        return new RecoverableSignature(s.r(), s.s(), s.recoveryId());
    }

    public static RecoverableSignature decode(byte[] encoded) {
        if (encoded.length != LENGTH) throw new IllegalArgumentException("signature must be " + LENGTH + " bytes");
        return new RecoverableSignature(new BigInteger(1, Arrays.copyOfRange(encoded, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 32, 64)), encoded[64]);
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        put32(r, out, 0);
        put32(s, out, 32);
        out[64] = (byte) v;
        return out;
    }

    public byte[] r32() {
        return Arrays.copyOfRange(encode(), 0, 32);
    }

    public byte[] s32() {
        return Arrays.copyOfRange(encode(), 32, 64);
    }

    private static void put32(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, offset + 32 - n, n);
    }
}

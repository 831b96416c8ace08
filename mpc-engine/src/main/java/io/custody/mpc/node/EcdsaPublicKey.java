package io.custody.mpc.node;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;

import java.util.Arrays;

/**
 * The public result of threshold ECDSA key generation, as nodes return it and {@link ThresholdKey#groupPublicKey()}
 * keeps it: the joint secp256k1 key (33-byte compressed SEC1) followed by the 32-byte BIP32 chain code, 65 bytes.
 * Together they are an extended public key, from which callers derive child keys and addresses without the nodes.
 */
public record EcdsaPublicKey(byte[] compressedKey, byte[] chainCode) {

    public static final int LENGTH = 65;

    public EcdsaPublicKey {
        Secp256k1.decode(compressedKey); // rejects anything but a valid compressed point
        if (chainCode.length != 32) throw new IllegalArgumentException("chain code must be 32 bytes");
        compressedKey = compressedKey.clone();
        chainCode = chainCode.clone();
    }

    public static EcdsaPublicKey decode(byte[] encoded) {
        if (encoded.length != LENGTH) {
            throw new IllegalArgumentException("ECDSA public key must be " + LENGTH + " bytes, got " + encoded.length);
        }
        return new EcdsaPublicKey(Arrays.copyOf(encoded, 33), Arrays.copyOfRange(encoded, 33, LENGTH));
    }

    public byte[] encode() {
        byte[] out = Arrays.copyOf(compressedKey, LENGTH);
        System.arraycopy(chainCode, 0, out, 33, 32);
        return out;
    }

    public ECPoint point() {
        return Secp256k1.decode(compressedKey);
    }

    @Override
    public byte[] compressedKey() {
        return compressedKey.clone();
    }

    @Override
    public byte[] chainCode() {
        return chainCode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcdsaPublicKey k && Arrays.equals(compressedKey, k.compressedKey)
                && Arrays.equals(chainCode, k.chainCode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressedKey);
    }

    @Override
    public String toString() {
        return "EcdsaPublicKey[" + Hex.toHexString(compressedKey) + "]";
    }
}

package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.zk.SecurityLevel;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Presignatures for tests of the layers that hold them (the node's stock), which need objects but no valid nonce.
 * Lives in the engine's package because only the engine may build presignatures.
 */
public final class TestPresignatures {

    private TestPresignatures() {
    }

    /** A structurally complete presignature for signers 1 and 2 whose nonce is meaningless. */
    public static Presignature placeholder(String id) {
        var p = Secp256k1.mulG(BigInteger.valueOf(99));
        return new Presignature(id, 1, List.of(1, 2), p, Map.of(1, p, 2, p), Map.of(1, p, 2, p), p, new byte[32],
                SecurityLevel.BITS_112, BigInteger.ONE, BigInteger.TWO);
    }
}

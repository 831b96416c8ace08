package io.custody.mpc.node;

import io.custody.mpc.frost.Ciphersuite;
import io.custody.mpc.frost.Ed25519Sha512;
import io.custody.mpc.frost.FrostSignature;
import io.custody.mpc.frost.Secp256k1Sha256;

import java.util.Arrays;
import java.util.Map;

/**
 * How the coordinator checks a signature the nodes returned before handing it to a saga: node responses are not
 * signed, so a tampered or buggy answer must not leave the coordinator. Keyed by protocol name; protocols without an
 * entry are accepted on the nodes' agreement alone.
 */
@FunctionalInterface
public interface SignatureCheck {

    boolean verifies(byte[] groupPublicKey, byte[] message, byte[] signature);

    /** Every protocol the node layer knows: FROST's two suites and threshold ECDSA. */
    static Map<String, SignatureCheck> defaults() {
        Map<String, SignatureCheck> all = new java.util.HashMap<>(frost());
        all.put(EcdsaProtocolFactory.PROTOCOL, new EcdsaSignatureCheck());
        return Map.copyOf(all);
    }

    /** FROST: Ed25519 through BouncyCastle's RFC 8032 verifier, secp256k1 through the suite's Schnorr equation. */
    static Map<String, SignatureCheck> frost() {
        return Map.of(Ed25519Sha512.INSTANCE.protocolName(), (pk, msg, sig) -> sig.length == 64 && pk.length == 32
                        && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length),
                Secp256k1Sha256.INSTANCE.protocolName(), (pk, msg, sig) -> schnorr(Secp256k1Sha256.INSTANCE, pk, msg, sig));
    }

    private static boolean schnorr(Ciphersuite cs, byte[] pk, byte[] msg, byte[] sig) {
        int e = cs.elementLength();
        if (sig.length != e + cs.scalarLength()) {
            return false;
        }
        try {
            FrostSignature s = new FrostSignature(cs.deserializeElement(Arrays.copyOf(sig, e)),
                    cs.deserializeScalar(Arrays.copyOfRange(sig, e, sig.length)));
            return cs.verify(cs.deserializeElement(pk), msg, s);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}

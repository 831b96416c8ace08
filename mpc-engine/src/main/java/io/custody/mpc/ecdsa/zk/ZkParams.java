package io.custody.mpc.ecdsa.zk;

/**
 * CGGMP21 (eprint 2021/060) parameters for secp256k1: l = |q| = 256, eps = 2l, l' = 5l, m = 80 repetitions for the
 * binary-challenge proofs. They are constants, not settings: the attack suite shows what happens when they shrink.
 */
public final class ZkParams {

    public static final int ELL = 256;
    public static final int EPSILON = 512;
    public static final int ELL_PRIME = 1280;
    /** Repetitions of the modulus proof and of each direction of the ring-Pedersen parameter proof. */
    public static final int M = 80;
    /** Smallest accepted Paillier / ring-Pedersen modulus. */
    public static final int MIN_MODULUS_BITS = 2048;

    private ZkParams() {
    }
}

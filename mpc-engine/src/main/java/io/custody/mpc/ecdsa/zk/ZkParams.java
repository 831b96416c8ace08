package io.custody.mpc.ecdsa.zk;

/**
 * CGGMP21 (eprint 2021/060) parameters for secp256k1: l = |q| = 256, eps = 2l, l' = 5l, m = 128 repetitions for the
 * binary-challenge proofs. They are constants, not settings: the attack suite shows what happens when they shrink.
 * The modulus size is not here: it is fixed exactly by the key's {@link SecurityLevel}.
 */
public final class ZkParams {

    public static final int ELL = 256;
    public static final int EPSILON = 512;
    public static final int ELL_PRIME = 1280;
    /**
     * Repetitions of the modulus proof and of each direction of the ring-Pedersen parameter proof. 128, not the
     * paper's 80: with one-bit challenges the soundness error is 2^-m, and 2^80 hash evaluations are within reach of
     * a determined prover grinding offline (TSSHOCK's c-guess; review finding 2).
     */
    public static final int M = 128;

    private ZkParams() {
    }
}

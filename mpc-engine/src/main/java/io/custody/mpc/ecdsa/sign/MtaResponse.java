package io.custody.mpc.ecdsa.sign;

import java.math.BigInteger;

/**
 * The ciphertexts one signer broadcast in presigning round 2 for one peer j: D = K_j^gamma_i enc_j(beta) and
 * F = enc_i(beta) for the k gamma product, D^ = K_j^w_i enc_j(beta^) and F^ = enc_i(beta^) for the k x product.
 * Every signer keeps all of them, so an identification step can recompute any signer's delta and chi from public data.
 */
record MtaResponse(BigInteger d, BigInteger f, BigInteger dHat, BigInteger fHat) {
}

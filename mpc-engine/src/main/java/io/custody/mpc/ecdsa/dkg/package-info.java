/**
 * t-of-n key generation and proactive refresh: Feldman VSS, commit-then-reveal, Schnorr proofs, echo broadcast, and
 * each party's Paillier modulus and ring-Pedersen parameters accepted only after Pi^mod, Pi^prm and Pi^fac verify.
 * Outputs a {@link io.custody.mpc.ecdsa.dkg.KeyShare}.
 */
package io.custody.mpc.ecdsa.dkg;

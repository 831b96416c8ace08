/**
 * FROST threshold Schnorr signatures (RFC 9591) for custody wallets: FROST(Ed25519, SHA-512), whose signatures are
 * plain Ed25519 signatures (Aptos single-key accounts), and FROST(secp256k1, SHA-256).
 *
 * <p>Owns: the ciphersuites (encodings and hashes over BouncyCastle group arithmetic), the RFC's signing operations,
 * key generation by the Pedersen DKG of the FROST paper with Schnorr proofs of knowledge, proactive share refresh,
 * and one {@link io.custody.mpc.session.PartyStateMachine} per protocol (DKG, signing, refresh) that aborts naming the
 * culprit and the failed check. No I/O: the node package runs these machines over the network.
 */
package io.custody.mpc.frost;

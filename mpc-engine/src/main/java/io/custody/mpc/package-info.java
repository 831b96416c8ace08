/**
 * Threshold signing for custody wallets whose private keys never exist in one place.
 *
 * <p>Owns: threshold ECDSA on secp256k1 and threshold EdDSA on Ed25519, each party written as a
 * {@link io.custody.mpc.session.PartyStateMachine}; encrypted key-share storage; the MPC node service and the
 * coordinator client that relays round messages between nodes. Depends on BouncyCastle for curve and hash arithmetic,
 * never on Axon. No key share or secret leaves this module unencrypted.
 */
package io.custody.mpc;

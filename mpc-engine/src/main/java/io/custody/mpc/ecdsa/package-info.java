/**
 * Threshold ECDSA on secp256k1, hardened with the CGGMP21 proofs: GG18-structured t-of-n key generation
 * ({@code dkg}), proactive refresh (same state machine), GG20-style offline presigning and one-round online signing
 * ({@code sign}), the zero-knowledge proofs ({@code zk}), Paillier and the safe-prime pool ({@code paillier}),
 * non-hardened BIP32 derivation ({@code bip32}) and the versioned wire encoding ({@code wire}). Every party is a
 * {@link io.custody.mpc.session.PartyStateMachine}; every failed check is a typed abort naming the culprit.
 * See mpc-engine/docs/ecdsa-protocol.md for rounds and message layouts.
 */
package io.custody.mpc.ecdsa;

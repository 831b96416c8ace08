/**
 * Aptos: BCS encoding of RawTransaction with entry-function payloads, the signing message
 * ({@code sha3-256("APTOS::RawTransaction") || bcs(raw)}), Ed25519 and MultiEd25519 authentication keys and
 * authenticators, and a REST client for sequence numbers, balances, submission and status.
 */
package io.custody.chain.aptos;

/**
 * Aptos: BCS encoding of RawTransaction with entry-function payloads, the signing message
 * ({@code sha3-256("APTOS::RawTransaction") || bcs(raw)}), Ed25519 and MultiEd25519 authentication keys and
 * authenticators, a REST client for sequence numbers, balances, submission and status, and deposit detection
 * ({@link io.custody.chain.aptos.AptosDepositWatch}: a block-by-block ledger walk from a caller-held cursor that
 * decodes coin and fungible-asset deposit events; ADR chain-007).
 */
package io.custody.chain.aptos;

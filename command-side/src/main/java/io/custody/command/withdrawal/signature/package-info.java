/**
 * Verification of signers' signatures over proposal decisions: EIP-712 typed data with secp256k1 recovery (web3j) for
 * EVM signers, Ed25519 (BouncyCastle) with Aptos address derivation for Aptos signers. No primitive is implemented here.
 */
package io.custody.command.withdrawal.signature;

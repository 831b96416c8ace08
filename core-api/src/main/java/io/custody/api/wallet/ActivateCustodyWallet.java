package io.custody.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the provisioning saga once the MPC cluster generated the wallet's key: the key's id in the cluster, its
 * public key (hex: 33-byte compressed secp256k1 for EVM, 32-byte Ed25519 for Aptos) and the chain address derived
 * from it. Never key material. {@code attempt} is the provisioning attempt the key belongs to.
 */
public record ActivateCustodyWallet(@TargetAggregateIdentifier WalletId walletId, int attempt, String keyId,
                                    String publicKey, String address) {
}

package io.custody.saga.provisioning;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.WalletId;
import io.custody.chain.SignerPublicKey;
import io.custody.chain.aptos.AuthenticationKeys;
import io.custody.chain.evm.EvmAddresses;
import io.custody.mpc.client.GenerateKeyRequest;
import io.custody.mpc.client.IdempotencyKey;
import io.custody.mpc.client.KeyRef;
import io.custody.mpc.client.SignatureScheme;
import java.util.Locale;

/**
 * What one provisioning attempt asks of the MPC cluster, all derived from the wallet id and the attempt number, so
 * that asking again after a crash or a timeout is the same request under the same idempotency key and returns the
 * same key: threshold ECDSA on secp256k1 for EVM wallets, FROST Ed25519 for Aptos wallets, with the wallet's
 * approval threshold as the cluster's signing threshold (at least 2, at most the number of nodes).
 */
public record WalletKeyPlan(WalletId walletId, ChainFamily family, int attempt, int threshold) {

    public KeyRef keyRef() {
        return new KeyRef(walletId.toString(), family.name().toLowerCase(Locale.ROOT) + "-" + attempt);
    }

    public SignatureScheme scheme() {
        return family == ChainFamily.EVM ? SignatureScheme.ECDSA_SECP256K1 : SignatureScheme.FROST_ED25519;
    }

    public IdempotencyKey idempotencyKey() {
        return new IdempotencyKey("provision/" + walletId + "/" + attempt);
    }

    public GenerateKeyRequest request() {
        return new GenerateKeyRequest(keyRef(), scheme(), threshold);
    }

    /** The chain address of the generated public key, derived by the chain gateway (EIP-55 / Aptos long form). */
    public String address(byte[] publicKey) {
        return family == ChainFamily.EVM
                ? EvmAddresses.fromPublicKey(new SignerPublicKey.Secp256k1(publicKey)).value()
                : AuthenticationKeys.ed25519(new SignerPublicKey.Ed25519(publicKey)).toChainAddress().value();
    }
}

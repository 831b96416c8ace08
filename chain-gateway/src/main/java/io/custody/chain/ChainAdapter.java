package io.custody.chain;

import java.util.Set;

/**
 * One blockchain family behind one interface. Implementations never see a private key: the caller signs
 * {@link UnsignedTransfer#signingDigest()} elsewhere and hands back only the signature.
 */
public interface ChainAdapter {

    ChainRef chain();

    ChainAddress deriveAddress(SignerPublicKey publicKey);

    /** Builds an unsigned native or token transfer, reserving whatever sequencing it needs (nonce, sequence number). */
    UnsignedTransfer buildTransfer(TransferRequest request);

    /** Attaches an external signature and proves, by recovering or verifying it, that it is the sender's. */
    SignedTransaction assemble(UnsignedTransfer unsigned, ExternalSignature signature);

    TxHash broadcast(SignedTransaction transaction);

    /**
     * Broadcasts and, on any error, decides the outcome by looking the transaction up on chain (ADR chain-010).
     * The path for callers that must never sign a second transfer; both adapters implement it.
     */
    default BroadcastOutcome broadcastResolved(SignedTransaction transaction) {
        throw new ChainException(ChainException.Code.UNSUPPORTED, chain() + " cannot resolve broadcasts");
    }

    /** Where a signed transaction stands on chain, without sending it (e.g. after a restart). */
    default BroadcastOutcome resolve(SignedTransaction transaction) {
        throw new ChainException(ChainException.Code.UNSUPPORTED, chain() + " cannot resolve broadcasts");
    }

    TxStatus status(TxHash hash);

    Amount balance(ChainAddress owner, Asset asset);

    /** A stateful watcher that reports deposits to the given addresses as they appear, confirm or are retracted. */
    DepositWatch watchDeposits(Set<ChainAddress> watched, Set<Asset> assets, long fromBlock);
}

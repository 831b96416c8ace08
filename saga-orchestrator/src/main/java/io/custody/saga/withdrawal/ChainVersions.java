package io.custody.saga.withdrawal;

import io.custody.chain.ChainAdapter;
import io.custody.chain.TxHash;
import io.custody.chain.TxStatus;
import io.custody.saga.withdrawal.WithdrawalJournal.Version;
import java.util.List;

/**
 * What a chain knows of a withdrawal's signed versions, for either chain family. All versions of one withdrawal share
 * its nonce (EVM) or sequence number (Aptos), so at most one of them is ever final on chain.
 */
final class ChainVersions {

    /** A version of the transaction the chain knows, with its state there. */
    record Found(TxHash hash, TxStatus status) {
    }

    private ChainVersions() {
    }

    /**
     * A final version (mined or committed, successful or not) if the chain knows one, else the newest signed version
     * still pending there, else {@code null}.
     */
    static Found found(List<Version> versions, ChainAdapter adapter) {
        Found pending = null;
        for (int i = versions.size() - 1; i >= 0; i--) {
            Version v = versions.get(i);
            if (!v.isSigned()) {
                continue;
            }
            TxHash hash = new TxHash(v.txHash());
            TxStatus status = known(adapter, hash);
            if (status == null) {
                continue;
            }
            if (status.state() != TxStatus.State.PENDING) {
                return new Found(hash, status);
            }
            if (pending == null) {
                pending = new Found(hash, status);
            }
        }
        return pending;
    }

    /** The chain's state of {@code hash}, or {@code null} when it does not know it or cannot be asked now. */
    static TxStatus known(ChainAdapter adapter, TxHash hash) {
        try {
            TxStatus status = adapter.status(hash);
            return status.state() == TxStatus.State.UNKNOWN ? null : status;
        } catch (RuntimeException unreachable) {
            return null;
        }
    }
}

package io.custody.chain;

import java.util.Objects;

/**
 * What became of a signed transaction after a broadcast attempt, found by looking its hash (and its sender's nonce)
 * up on chain rather than by reading the node's error text. The caller journals the signed bytes before the first
 * broadcast and acts on this: nothing for {@link Accepted} and {@link Mined} (follow {@code status}), rebroadcast the
 * same bytes for {@link NotFound}, and for {@link NonceConflict} never sign a second transfer blindly: another
 * transaction holds the nonce.
 */
public sealed interface BroadcastOutcome {

    TxHash hash();

    /** A node holds it in its pool (just accepted, or it already knew it). */
    record Accepted(TxHash hash) implements BroadcastOutcome {
        public Accepted {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** It is in a block; depth, success and finality come from {@code ChainAdapter.status}. */
    record Mined(TxHash hash, long blockNumber) implements BroadcastOutcome {
        public Mined {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** No node knows it and its nonce is still free: rebroadcasting the same bytes is safe. {@code error} is why the attempt failed. */
    record NotFound(TxHash hash, String error) implements BroadcastOutcome {
        public NotFound {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * Another transaction took its nonce: already mined ({@code minedByOther}, this one can never be mined) or
     * waiting in the pool with fees this one does not beat.
     */
    record NonceConflict(TxHash hash, long nonce, boolean minedByOther, String error) implements BroadcastOutcome {
        public NonceConflict {
            Objects.requireNonNull(hash, "hash");
        }
    }
}

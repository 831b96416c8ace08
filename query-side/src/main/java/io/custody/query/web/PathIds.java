package io.custody.query.web;

import io.custody.api.error.RejectedException;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import java.util.List;
import java.util.Map;

/** Parses ids in read-API paths, answering the seed's 400 format for anything that is not a canonical UUID. */
public final class PathIds {

    private PathIds() {
    }

    public static WalletId walletId(String raw) {
        try {
            return WalletId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid wallet id", Map.of("walletId", List.of("must be a UUID")));
        }
    }

    public static ProposalId proposalId(String raw) {
        try {
            return ProposalId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid proposal id", Map.of("proposalId", List.of("must be a UUID")));
        }
    }
}

package io.custody.command.web;

import io.custody.api.error.RejectedException;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects every syntax problem of a request per field, so that one answer lists all of them. The edge does not know
 * a wallet's chain family (the command side never reads projections), so addresses are typed by their length, which
 * is unambiguous: 20 bytes is EVM, 32 bytes is Aptos. The aggregate then refuses an address of the wrong family.
 */
final class Fields {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    void add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    <T> T required(String field, String raw, Function<String, T> parse) {
        if (raw == null) {
            add(field, "is required");
            return null;
        }
        return optional(field, raw, parse);
    }

    <T> T optional(String field, String raw, Function<String, T> parse) {
        if (raw == null) return null;
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    void throwIfAny(String message) {
        if (!errors.isEmpty()) {
            throw RejectedException.invalid(message, errors);
        }
    }

    static ChainFamily familyOf(String address) {
        if (address != null && address.length() == 66) return ChainFamily.APTOS;
        return ChainFamily.EVM;
    }

    static SignerAddress signer(String raw) {
        return new SignerAddress(familyOf(raw), raw);
    }

    static DestinationAddress destination(String raw) {
        return new DestinationAddress(familyOf(raw), raw);
    }

    static Amount amount(String raw) {
        return Amount.parse(raw);
    }

    static TokenId token(String raw) {
        return new TokenId(raw);
    }

    static WalletId walletId(String raw) {
        try {
            return WalletId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid wallet id", Map.of("walletId", List.of("must be a UUID")));
        }
    }

    static ProposalId proposalId(String raw) {
        try {
            return ProposalId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalid("Invalid proposal id", Map.of("proposalId", List.of("must be a UUID")));
        }
    }
}

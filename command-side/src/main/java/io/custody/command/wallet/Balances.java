package io.custody.command.wallet;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import java.util.HashMap;

/**
 * Confirmed deposits and completed withdrawals per token. Reservations of open proposals are subtracted by the caller,
 * which knows them; together they give seed Property 10's available balance. Public only so that snapshots can name
 * it; its methods are the wallet's.
 */
public final class Balances {

    private HashMap<TokenId, Amount> deposited = new HashMap<>();
    private HashMap<TokenId, Amount> withdrawn = new HashMap<>();

    void credit(TokenId token, Amount amount) {
        deposited.merge(token, amount, Amount::plus);
    }

    /** A credited deposit taken back by the chain: it no longer counts as deposited. */
    void reverse(TokenId token, Amount amount) {
        deposited.put(token, deposited.getOrDefault(token, Amount.ZERO).minusFloored(amount));
    }

    void debit(TokenId token, Amount amount) {
        withdrawn.merge(token, amount, Amount::plus);
    }

    /** Deposits minus completed withdrawals minus {@code reserved}, never below zero. */
    Amount available(TokenId token, Amount reserved) {
        return deposited.getOrDefault(token, Amount.ZERO)
                .minusFloored(withdrawn.getOrDefault(token, Amount.ZERO))
                .minusFloored(reserved);
    }
}

package io.custody.command.deposit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.deposit.DepositRetracted;
import io.custody.api.deposit.IncomingDepositSeen;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One on-chain deposit, keyed by the id the chain gateway gives it: seen below the confirmation depth (pending
 * incoming), confirmed (credited to the wallet), or retracted by a reorganisation (a credit reversed on the wallet).
 * Its stream's first event can be appended only once (the event store's unique key on aggregate and sequence), which
 * is what makes crediting a deposit idempotent without the wallet remembering every deposit it ever received; every
 * later change is decided here on the deposit's own state, under its lock, so a deposit is credited at most once per
 * time it is on the canonical chain and reversed at most once per credit.
 */
@Aggregate
public class Deposit {

    /** Where the deposit stands. */
    public enum State {
        /** In a block below the confirmation depth: shown as pending incoming, not credited. */
        SEEN,
        /** At the depth: credited to the wallet. */
        CONFIRMED,
        /** Its block left the chain: not pending, and any credit reversed. Confirmed again if mined again. */
        RETRACTED
    }

    @AggregateIdentifier
    private DepositId depositId;
    private WalletId walletId;
    private TokenId token;
    private Amount amount;
    private State state;

    protected Deposit() {
        // required by Axon to rebuild the aggregate from its events
    }

    Deposit(DepositConfirmed confirmed) {
        apply(confirmed);
    }

    Deposit(IncomingDepositSeen seen) {
        apply(seen);
    }

    State state() {
        return state;
    }

    WalletId walletId() {
        return walletId;
    }

    TokenId token() {
        return token;
    }

    Amount amount() {
        return amount;
    }

    /** Same wallet, token and amount: a deposit id means one transfer, whatever the gateway reports it as. */
    boolean sameAs(WalletId wallet, TokenId token, Amount amount) {
        return walletId.equals(wallet) && this.token.equals(token) && this.amount.equals(amount);
    }

    void confirm(DepositConfirmed confirmed) {
        apply(confirmed);
    }

    void seenAgain(IncomingDepositSeen seen) {
        apply(seen);
    }

    void retract(DepositRetracted retracted) {
        apply(retracted);
    }

    @EventSourcingHandler
    void on(IncomingDepositSeen event) {
        depositId = event.depositId();
        walletId = event.walletId();
        token = event.token();
        amount = event.amount();
        state = State.SEEN;
    }

    @EventSourcingHandler
    void on(DepositConfirmed event) {
        depositId = event.depositId();
        walletId = event.walletId();
        token = event.token();
        amount = event.amount();
        state = State.CONFIRMED;
    }

    @EventSourcingHandler
    void on(DepositRetracted event) {
        state = State.RETRACTED;
    }
}

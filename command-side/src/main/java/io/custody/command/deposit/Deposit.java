package io.custody.command.deposit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One on-chain deposit, keyed by the id the chain gateway gives it. Its stream's first event can be appended only
 * once (the event store's unique key on aggregate and sequence), which is what makes crediting a deposit idempotent
 * without the wallet remembering every deposit it ever received.
 */
@Aggregate
public class Deposit {

    @AggregateIdentifier
    private DepositId depositId;
    private WalletId walletId;
    private TokenId token;
    private Amount amount;

    protected Deposit() {
        // required by Axon to rebuild the aggregate from its events
    }

    Deposit(DepositConfirmed confirmed) {
        apply(confirmed);
    }

    boolean sameAs(ConfirmDeposit command) {
        return walletId.equals(command.walletId()) && token.equals(command.token()) && amount.equals(command.amount());
    }

    @EventSourcingHandler
    void on(DepositConfirmed event) {
        depositId = event.depositId();
        walletId = event.walletId();
        token = event.token();
        amount = event.amount();
    }
}

package io.custody.command.deposit;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.error.Reason;
import io.custody.command.common.Rejections;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Confirms a deposit once: the deposit's own stream starts and the wallet is credited in the same unit of work, the
 * deposit's lock taken before the wallet's. A repeated confirmation with the same content changes nothing; the same
 * deposit id with other content is refused. Two confirmations racing for a new deposit id cannot both commit: the
 * second append of the deposit's first event violates the event store's unique key, its unit of work (the wallet's
 * credit included) rolls back, and a retry finds the deposit.
 */
public class DepositCommandHandler {

    private final Supplier<Repository<Deposit>> deposits;
    private final WalletAccounts wallets;
    private final Clock clock;

    public DepositCommandHandler(Supplier<Repository<Deposit>> deposits, WalletAccounts wallets, Clock clock) {
        this.deposits = deposits;
        this.wallets = wallets;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(ConfirmDeposit command) {
        if (command.depositId() == null || command.token() == null || command.amount() == null
                || command.amount().isZero()) {
            throw Rejections.because(Reason.AMOUNT_NOT_POSITIVE, "Invalid deposit", "deposit",
                    "needs an id, a token and an amount above zero");
        }
        try {
            boolean same = deposits.get().load(command.depositId().value()).invoke(d -> d.sameAs(command));
            if (!same) {
                throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                        "deposit " + command.depositId() + " was confirmed with other content");
            }
            return;
        } catch (AggregateNotFoundException firstTime) {
            // the usual case: credit it below
        }
        Instant now = clock.instant();
        wallets.credit(command.walletId(), command.depositId(), command.token(), command.amount(), now);
        DepositConfirmed confirmed = new DepositConfirmed(command.walletId(), command.depositId(), command.token(),
                command.amount(), now);
        try {
            deposits.get().newInstance(() -> new Deposit(confirmed));
        } catch (Exception e) {
            throw new IllegalStateException("could not record deposit " + command.depositId(), e);
        }
    }
}

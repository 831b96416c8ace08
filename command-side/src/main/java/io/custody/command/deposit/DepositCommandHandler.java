package io.custody.command.deposit;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositId;
import io.custody.api.deposit.DepositRetracted;
import io.custody.api.deposit.IncomingDepositSeen;
import io.custody.api.deposit.RecordIncomingDeposit;
import io.custody.api.deposit.RetractDeposit;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.command.common.Rejections;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * A deposit's life as the chain reports it, each step once:
 * <ul>
 * <li>{@link RecordIncomingDeposit}: below the confirmation depth, shown as pending incoming, nothing credited;</li>
 * <li>{@link ConfirmDeposit}: at the depth, the wallet is credited in the same unit of work as the deposit's
 * {@code DepositConfirmed}; a repeated confirmation with the same content changes nothing, the same deposit id with
 * other content is refused;</li>
 * <li>{@link RetractDeposit}: its block left the chain; a credit is reversed on the wallet ({@code DepositReversed})
 * in the same unit of work as the deposit's {@code DepositRetracted}; a retracted deposit that is mined again is
 * seen and confirmed again.</li>
 * </ul>
 * The deposit's lock is taken before the wallet's. Two confirmations racing for a new deposit id cannot both commit:
 * the second append of the deposit's first event violates the event store's unique key, its unit of work (the
 * wallet's credit included) rolls back, and a retry finds the deposit.
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
        requireSound(command.depositId(), command.token(), command.amount());
        Instant now = clock.instant();
        DepositConfirmed confirmed = new DepositConfirmed(command.walletId(), command.depositId(), command.token(),
                command.amount(), now);
        Optional<Aggregate<Deposit>> known = find(command.depositId());
        if (known.isPresent()) {
            Aggregate<Deposit> deposit = known.get();
            requireSame(deposit, command.depositId(), command.walletId(), command.token(), command.amount());
            if (deposit.invoke(Deposit::state) == Deposit.State.CONFIRMED) {
                return;
            }
            wallets.credit(command.walletId(), command.depositId(), command.token(), command.amount(), now);
            deposit.execute(d -> d.confirm(confirmed));
            return;
        }
        wallets.credit(command.walletId(), command.depositId(), command.token(), command.amount(), now);
        try {
            deposits.get().newInstance(() -> new Deposit(confirmed));
        } catch (Exception e) {
            throw new IllegalStateException("could not record deposit " + command.depositId(), e);
        }
    }

    @CommandHandler
    public void handle(RecordIncomingDeposit command) {
        requireSound(command.depositId(), command.token(), command.amount());
        IncomingDepositSeen seen = new IncomingDepositSeen(command.walletId(), command.depositId(), command.token(),
                command.amount(), clock.instant());
        Optional<Aggregate<Deposit>> known = find(command.depositId());
        if (known.isPresent()) {
            Aggregate<Deposit> deposit = known.get();
            requireSame(deposit, command.depositId(), command.walletId(), command.token(), command.amount());
            if (deposit.invoke(Deposit::state) == Deposit.State.RETRACTED) {
                deposit.execute(d -> d.seenAgain(seen)); // mined again after a reorganisation
            }
            return;
        }
        // the wallet must exist and have an address (it is not changed, only checked)
        wallets.key(command.walletId());
        try {
            deposits.get().newInstance(() -> new Deposit(seen));
        } catch (Exception e) {
            throw new IllegalStateException("could not record deposit " + command.depositId(), e);
        }
    }

    @CommandHandler
    public void handle(RetractDeposit command) {
        if (command.depositId() == null) {
            throw Rejections.invalid("Invalid deposit retraction", "depositId", "is required");
        }
        Optional<Aggregate<Deposit>> known = find(command.depositId());
        if (known.isEmpty()) {
            return; // never recorded: nothing to take back
        }
        Aggregate<Deposit> deposit = known.get();
        if (!deposit.invoke(d -> d.walletId().equals(command.walletId()))) {
            throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                    "deposit " + command.depositId() + " belongs to another wallet");
        }
        Deposit.State state = deposit.invoke(Deposit::state);
        if (state == Deposit.State.RETRACTED) {
            return;
        }
        Instant now = clock.instant();
        WalletId wallet = deposit.invoke(Deposit::walletId);
        TokenId token = deposit.invoke(Deposit::token);
        Amount amount = deposit.invoke(Deposit::amount);
        boolean credited = state == Deposit.State.CONFIRMED;
        if (credited) {
            wallets.reverse(wallet, command.depositId(), token, amount, command.reason(), now);
        }
        deposit.execute(d -> d.retract(new DepositRetracted(wallet, command.depositId(), token, amount, credited,
                command.reason(), now)));
    }

    private Optional<Aggregate<Deposit>> find(DepositId id) {
        try {
            return Optional.of(deposits.get().load(id.value()));
        } catch (AggregateNotFoundException firstTime) {
            return Optional.empty();
        }
    }

    private static void requireSound(DepositId id, TokenId token, Amount amount) {
        if (id == null || token == null || amount == null || amount.isZero()) {
            throw Rejections.because(Reason.AMOUNT_NOT_POSITIVE, "Invalid deposit", "deposit",
                    "needs an id, a token and an amount above zero");
        }
    }

    private static void requireSame(Aggregate<Deposit> deposit, DepositId id, WalletId wallet, TokenId token,
                                    Amount amount) {
        if (!deposit.invoke(d -> d.sameAs(wallet, token, amount))) {
            throw Rejections.because(Reason.IDEMPOTENCY_KEY_REUSED,
                    "deposit " + id + " was reported with other content");
        }
    }
}

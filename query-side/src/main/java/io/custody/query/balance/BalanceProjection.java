package io.custody.query.balance;

import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.deposit.DepositRetracted;
import io.custody.api.deposit.DepositReversed;
import io.custody.api.deposit.IncomingDepositSeen;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Balances per wallet and token, from the wallet's own stream: credited deposits and reversed ones, reservations for
 * proposals, their release, and settled withdrawals. Each event names its token and amount, so nothing is read from
 * another projection's table. Sums are not idempotent by themselves: a row carries the sequence number, in the
 * wallet's stream, of the last event applied to it, and an event at or below it is a redelivery and skipped.
 *
 * <p>Pending incoming amounts (seed {@code BalanceInfo.pendingIncoming}) come from the deposits' own streams: a
 * deposit seen below the confirmation depth is a row of {@code balance_pending_deposit} until it is confirmed or
 * retracted; rows are keyed by deposit id, so redeliveries change nothing.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSOR)
public class BalanceProjection {

    public static final String PROCESSOR = "balance-view";

    private final JdbcTemplate jdbc;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Only to learn the wallet's organisation, which balance rows carry and balance events do not name. */
    @EventHandler
    void on(CustodyWalletCreated event) {
        jdbc.update("INSERT INTO balance_wallet (wallet_id, organisation_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.walletId().value(), event.organisation().value());
    }

    @EventHandler
    void on(DepositCredited event, @SequenceNumber long sequence) {
        apply(event.walletId(), event.token(), sequence, event.at(), true,
                "deposited = balance_view.deposited + ?", event.amount());
    }

    @EventHandler
    void on(DepositReversed event, @SequenceNumber long sequence) {
        apply(event.walletId(), event.token(), sequence, event.at(), true,
                "deposited = GREATEST(balance_view.deposited - ?, 0)", event.amount());
    }

    @EventHandler
    void on(IncomingDepositSeen event) {
        if (jdbc.queryForObject("SELECT count(*) FROM balance_wallet WHERE wallet_id = ?", Long.class,
                event.walletId().value()) == 0) {
            // never drop a balance change silently: the processor retries until the wallet's creation is known
            throw new IllegalStateException("no organisation known for wallet " + event.walletId());
        }
        // the balance row exists from now on, so a token that is only incoming so far is listed
        jdbc.update("""
                        INSERT INTO balance_view (wallet_id, token, organisation_id, observed_at, updated_at, version)
                        SELECT wallet_id, ?, organisation_id, ?, ?, -1 FROM balance_wallet WHERE wallet_id = ?
                        ON CONFLICT (wallet_id, token) DO NOTHING""",
                event.token().value(), Timestamp.from(event.seenAt()), Timestamp.from(event.seenAt()),
                event.walletId().value());
        jdbc.update("""
                        INSERT INTO balance_pending_deposit (deposit_id, wallet_id, token, amount, seen_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (deposit_id) DO NOTHING""",
                event.depositId().value(), event.walletId().value(), event.token().value(),
                new BigDecimal(event.amount().value()), Timestamp.from(event.seenAt()));
    }

    @EventHandler
    void on(DepositConfirmed event) {
        jdbc.update("DELETE FROM balance_pending_deposit WHERE deposit_id = ?", event.depositId().value());
    }

    @EventHandler
    void on(DepositRetracted event) {
        jdbc.update("DELETE FROM balance_pending_deposit WHERE deposit_id = ?", event.depositId().value());
    }

    @EventHandler
    void on(WithdrawalReserved event, @SequenceNumber long sequence) {
        apply(event.walletId(), event.token(), sequence, event.at(), false,
                "reserved = balance_view.reserved + ?", event.amount());
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence) {
        apply(event.walletId(), event.token(), sequence, event.at(), false,
                "reserved = balance_view.reserved - ?", event.amount());
    }

    @EventHandler
    void on(WithdrawalSettled event, @SequenceNumber long sequence) {
        apply(event.walletId(), event.token(), sequence, event.at(), false,
                "reserved = balance_view.reserved - ?, withdrawn = balance_view.withdrawn + ?", event.amount(),
                event.amount());
    }

    /**
     * Creates the (wallet, token) row when it is missing, then applies {@code assignment} once: the update is guarded
     * by the row's version, so a redelivered event changes nothing.
     *
     * @param observed whether the event is news from the chain, which refreshes {@code observed_at}
     */
    private void apply(WalletId walletId, TokenId token, long sequence, Instant at, boolean observed,
                       String assignment, Amount... amounts) {
        jdbc.update("""
                        INSERT INTO balance_view (wallet_id, token, organisation_id, observed_at, updated_at, version)
                        SELECT wallet_id, ?, organisation_id, ?, ?, -1 FROM balance_wallet WHERE wallet_id = ?
                        ON CONFLICT (wallet_id, token) DO NOTHING""",
                token.value(), Timestamp.from(at), Timestamp.from(at), walletId.value());
        Object[] args = new Object[amounts.length + 5];
        for (int i = 0; i < amounts.length; i++) {
            args[i] = new BigDecimal(amounts[i].value());
        }
        args[amounts.length] = Timestamp.from(at);
        args[amounts.length + 1] = sequence;
        args[amounts.length + 2] = walletId.value();
        args[amounts.length + 3] = token.value();
        args[amounts.length + 4] = sequence;
        int applied = jdbc.update("UPDATE balance_view SET " + assignment + ", updated_at = ?, version = ? "
                + "WHERE wallet_id = ? AND token = ? AND version < ?", args);
        if (applied == 0 && jdbc.queryForObject("SELECT count(*) FROM balance_view WHERE wallet_id = ? AND token = ?",
                Long.class, walletId.value(), token.value()) == 0) {
            // never drop a balance change silently: the processor retries until the wallet's creation is known
            throw new IllegalStateException("no organisation known for wallet " + walletId);
        }
        if (applied == 1 && observed) {
            jdbc.update("UPDATE balance_view SET observed_at = ? WHERE wallet_id = ? AND token = ?",
                    Timestamp.from(at), walletId.value(), token.value());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM balance_pending_deposit");
        jdbc.update("DELETE FROM balance_view");
        jdbc.update("DELETE FROM balance_wallet");
    }
}

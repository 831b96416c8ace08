package io.custody.query.balance;

import io.custody.api.deposit.DepositConfirmed;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.query.wallet.WalletProjection;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Balances per wallet and token: confirmed deposits, completed withdrawals and the amounts reserved by open proposals.
 * Sums are not idempotent by themselves, so every row carries the global sequence of the last event applied and
 * an event at or below it is skipped. The proposal's token and amount come from {@code proposal_view}, written by
 * the same processing group in the same transaction.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class BalanceProjection {

    private final JdbcTemplate jdbc;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DepositConfirmed event, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update("""
                        INSERT INTO balance_view (wallet_id, token, deposited, observed_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (wallet_id, token) DO UPDATE
                        SET deposited = balance_view.deposited + EXCLUDED.deposited,
                            observed_at = EXCLUDED.observed_at, updated_at = EXCLUDED.updated_at,
                            version = EXCLUDED.version
                        WHERE balance_view.version < EXCLUDED.version""",
                event.walletId().value(), event.token().value(), new BigDecimal(event.amount().value()),
                Timestamp.from(event.confirmedAt()), Timestamp.from(event.confirmedAt()), position);
    }

    @EventHandler
    void on(WithdrawalProposed event, TrackingToken token) {
        change(event.walletId(), event.token().value(), "reserved = reserved + ?", new BigDecimal(event.amount().value()),
                event.proposedAt(), token);
    }

    @EventHandler
    void on(ProposalRejected event, TrackingToken token) {
        release(event.walletId(), event.proposalId(), event.at(), token, false);
    }

    @EventHandler
    void on(ProposalExpired event, TrackingToken token) {
        release(event.walletId(), event.proposalId(), event.at(), token, false);
    }

    @EventHandler
    void on(WithdrawalFailed event, TrackingToken token) {
        release(event.walletId(), event.proposalId(), event.at(), token, false);
    }

    @EventHandler
    void on(WithdrawalCompleted event, TrackingToken token) {
        release(event.walletId(), event.proposalId(), event.at(), token, true);
    }

    private void release(WalletId walletId, ProposalId proposalId, Instant at, TrackingToken token, boolean spent) {
        var rows = jdbc.queryForList("SELECT token, amount FROM proposal_view WHERE proposal_id = ?",
                proposalId.value());
        if (rows.isEmpty()) {
            return;
        }
        String tokenId = (String) rows.get(0).get("token");
        BigDecimal amount = (BigDecimal) rows.get(0).get("amount");
        change(walletId, tokenId, spent ? "reserved = reserved - ?, withdrawn = withdrawn + " + amount.toPlainString()
                : "reserved = reserved - ?", amount, at, token);
    }

    private void change(WalletId walletId, String tokenId, String assignment, BigDecimal amount, Instant at,
                        TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update("UPDATE balance_view SET " + assignment + ", updated_at = ?, version = ? "
                        + "WHERE wallet_id = ? AND token = ? AND version < ?",
                amount, Timestamp.from(at), position, walletId.value(), tokenId, position);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM balance_view");
    }
}

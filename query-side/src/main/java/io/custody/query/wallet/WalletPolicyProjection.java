package io.custody.query.wallet;

import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import io.custody.api.money.Amount;
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
 * Keeps the policy columns of {@code wallet_view} and the {@code wallet_token_limits} table current. Same processing
 * group and transaction rules as {@link WalletProjection}; the version guard turns a replayed event into a no-op.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class WalletPolicyProjection {

    private final JdbcTemplate jdbc;

    public WalletPolicyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WithdrawalDelaySet event, TrackingToken token) {
        update("withdrawal_delay_hours = ?", event.walletId().value(), event.at(), token, event.hours());
    }

    @EventHandler
    void on(WalletStatusChanged event, TrackingToken token) {
        update("wallet_status = ?", event.walletId().value(), event.at(), token, event.to().name());
    }

    @EventHandler
    void on(WhitelistAddressAdded event, TrackingToken token) {
        update("whitelist = array_append(whitelist, ?)", event.walletId().value(), event.at(), token,
                event.address().canonical());
    }

    @EventHandler
    void on(WhitelistAddressRemoved event, TrackingToken token) {
        update("whitelist = array_remove(whitelist, ?)", event.walletId().value(), event.at(), token,
                event.address().canonical());
    }

    @EventHandler
    void on(SignerAdded event, TrackingToken token) {
        update("signers = array_append(signers, ?)", event.walletId().value(), event.at(), token,
                event.signer().value());
    }

    @EventHandler
    void on(SignerRemoved event, TrackingToken token) {
        // stored spelling may differ in letter case from the event's; addresses compare case-insensitively
        update("signers = ARRAY(SELECT s FROM unnest(signers) AS s WHERE lower(s) <> lower(?))",
                event.walletId().value(), event.at(), token, event.signer().value());
    }

    @EventHandler
    void on(ThresholdChanged event, TrackingToken token) {
        update("threshold = ?", event.walletId().value(), event.at(), token, event.to().value());
    }

    @EventHandler
    void on(WithdrawalLimitsSet event) {
        if (event.limits().single() == null && event.limits().daily() == null && event.limits().weekly() == null) {
            jdbc.update("DELETE FROM wallet_token_limits WHERE wallet_id = ? AND token = ?",
                    event.walletId().value(), event.token().value());
            return;
        }
        jdbc.update("""
                        INSERT INTO wallet_token_limits (wallet_id, token, single, daily, weekly) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (wallet_id, token) DO UPDATE
                        SET single = EXCLUDED.single, daily = EXCLUDED.daily, weekly = EXCLUDED.weekly""",
                event.walletId().value(), event.token().value(), decimal(event.limits().single()),
                decimal(event.limits().daily()), decimal(event.limits().weekly()));
    }

    private void update(String assignment, java.util.UUID walletId, Instant at, TrackingToken token, Object value) {
        long position = token.position().orElseThrow();
        jdbc.update("UPDATE wallet_view SET " + assignment + ", updated_at = ?, version = ? "
                + "WHERE wallet_id = ? AND version < ?", value, Timestamp.from(at), position, walletId, position);
    }

    static BigDecimal decimal(Amount amount) {
        return amount == null ? null : new BigDecimal(amount.value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM wallet_token_limits");
    }
}

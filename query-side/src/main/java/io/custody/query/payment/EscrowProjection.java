package io.custody.query.payment;

import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentRouted;
import io.custody.query.wallet.WalletProjection;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code merchant_view} and {@code escrow_transaction_view} current; inserts are keyed, so replays are no-ops. */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class EscrowProjection {

    private final JdbcTemplate jdbc;

    public EscrowProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MerchantRegistered e) {
        jdbc.update("""
                        INSERT INTO merchant_view (merchant_id, name, direct_wallet, custody_wallet_id, custody_address,
                                                   registered_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (merchant_id) DO NOTHING""",
                e.merchantId().value(), e.name(), e.directWallet().canonical(),
                e.custodyWallet() == null ? null : e.custodyWallet().value(),
                e.custodyAddress() == null ? null : e.custodyAddress().canonical(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(PaymentRouted e, TrackingToken token) {
        jdbc.update("""
                        INSERT INTO escrow_transaction_view (merchant_id, idempotency_key, payment_id, payer, token,
                            amount, routing, custody_wallet_id, destination, routed_at, global_index)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.merchantId().value(), e.idempotencyKey().value(), e.paymentId().value(), e.payer(),
                e.token().value(), new BigDecimal(e.amount().value()), e.routing().name(),
                e.custodyWallet() == null ? null : e.custodyWallet().value(), e.destination().canonical(),
                Timestamp.from(e.routedAt()), token.position().orElseThrow());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM escrow_transaction_view");
        jdbc.update("DELETE FROM merchant_view");
    }
}

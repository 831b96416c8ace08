package io.custody.query.payment;

import io.custody.api.payment.MerchantRegistered;
import io.custody.api.payment.PaymentRouted;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.WalletId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code merchant_view} and {@code escrow_transaction_view} current in a processor of its own; inserts are keyed,
 * so redelivered events are no-ops. It also records each custody wallet's organisation ({@code escrow_wallet}) so
 * that merchants and payments routed to a custody wallet carry it without reading another projection's table.
 */
@Component
@ProcessingGroup(EscrowProjection.PROCESSOR)
public class EscrowProjection {

    public static final String PROCESSOR = "escrow-view";

    private final JdbcTemplate jdbc;

    public EscrowProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustodyWalletCreated e) {
        jdbc.update("INSERT INTO escrow_wallet (wallet_id, organisation_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                e.walletId().value(), e.organisation().value());
    }

    @EventHandler
    void on(MerchantRegistered e) {
        jdbc.update("""
                        INSERT INTO merchant_view (merchant_id, organisation_id, name, direct_wallet, custody_wallet_id,
                                                   custody_address, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (merchant_id) DO NOTHING""",
                e.merchantId().value(),
                e.organisation() != null ? e.organisation().value() : organisationOf(e.custodyWallet()), e.name(), e.directWallet().canonical(),
                e.custodyWallet() == null ? null : e.custodyWallet().value(),
                e.custodyAddress() == null ? null : e.custodyAddress().canonical(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(PaymentRouted e, @SequenceNumber long sequence) {
        jdbc.update("""
                        INSERT INTO escrow_transaction_view (merchant_id, idempotency_key, organisation_id, payment_id,
                            payer, token, amount, routing, custody_wallet_id, destination, routed_at, sequence_number)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.merchantId().value(), e.idempotencyKey().value(), organisationOf(e.custodyWallet()),
                e.paymentId().value(), e.payer(), e.token().value(), new BigDecimal(e.amount().value()),
                e.routing().name(), e.custodyWallet() == null ? null : e.custodyWallet().value(),
                e.destination().canonical(), Timestamp.from(e.routedAt()), sequence);
    }

    private String organisationOf(WalletId wallet) {
        if (wallet == null) {
            return null;
        }
        List<String> known = jdbc.queryForList("SELECT organisation_id FROM escrow_wallet WHERE wallet_id = ?",
                String.class, wallet.value());
        return known.isEmpty() ? null : known.get(0);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM escrow_transaction_view");
        jdbc.update("DELETE FROM merchant_view");
        jdbc.update("DELETE FROM escrow_wallet");
    }
}

package io.custody.query.wallet;

import io.custody.api.EventCatalog;
import io.custody.api.money.Amount;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletProvisioningFailed;
import io.custody.api.wallet.WalletProvisioningRetried;
import io.custody.api.wallet.WalletProvisioningWaiting;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.ContractDisallowed;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.wallet.WithdrawalLimitsSet;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The wallet read model: {@code wallet_view} (identity, signers, threshold, policy) and {@code wallet_token_limits}.
 * Its own tracking processor stores its token in the same JDBC transaction as the rows (Axon's unit of work joins
 * Spring's), so a crash never leaves one ahead of the other, and it can be reset and replayed alone.
 *
 * <p>{@code version} is the wallet's aggregate version: the sequence number, in the wallet's stream, of the last event
 * applied. Every update is guarded by {@code version < } the event's own sequence number, which is what makes a
 * redelivered event a no-op; events of one aggregate always arrive in sequence order, whatever order other
 * transactions commit in.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSOR)
public class WalletProjection {

    public static final String PROCESSOR = "wallet-view";

    private final JdbcTemplate jdbc;

    public WalletProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustodyWalletCreated event, @SequenceNumber long sequence) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO wallet_view (wallet_id, organisation_id, name, chain_family, signers, threshold, status,
                                             created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, 'PENDING_KEY', ?, ?, ?)
                    ON CONFLICT (wallet_id) DO NOTHING""");
            Array signers = con.createArrayOf("text",
                    event.signers().stream().map(SignerAddress::value).toArray(String[]::new));
            statement.setObject(1, event.walletId().value());
            statement.setString(2, event.organisation().value());
            statement.setString(3, event.name());
            statement.setString(4, event.chainFamily().name());
            statement.setArray(5, signers);
            statement.setInt(6, event.threshold().value());
            statement.setTimestamp(7, Timestamp.from(event.createdAt()));
            statement.setTimestamp(8, Timestamp.from(event.createdAt()));
            statement.setLong(9, sequence);
            return statement;
        });
    }

    @EventHandler
    void on(CustodyWalletActivated event, @SequenceNumber long sequence) {
        update("status = 'ACTIVE', status_reason = NULL, address = ?, public_key = ?, key_id = ?", event.walletId(),
                event.at(), sequence, event.address(), event.publicKey(), event.keyId());
    }

    @EventHandler
    void on(WalletProvisioningWaiting event, @SequenceNumber long sequence) {
        update("status_reason = ?", event.walletId(), event.at(), sequence, "waiting: " + event.reason());
    }

    @EventHandler
    void on(WalletProvisioningFailed event, @SequenceNumber long sequence) {
        update("status = 'PROVISIONING_FAILED', status_reason = ?", event.walletId(), event.at(), sequence,
                event.reason());
    }

    @EventHandler
    void on(WalletProvisioningRetried event, @SequenceNumber long sequence) {
        update("status = 'PENDING_KEY', status_reason = NULL", event.walletId(), event.at(), sequence);
    }

    @EventHandler
    void on(CustodyWalletRenamed event, @SequenceNumber long sequence) {
        update("name = ?", event.walletId(), event.renamedAt(), sequence, event.name());
    }

    @EventHandler
    void on(WithdrawalDelaySet event, @SequenceNumber long sequence) {
        update("withdrawal_delay_hours = ?", event.walletId(), event.at(), sequence, event.hours());
    }

    @EventHandler
    void on(WalletStatusChanged event, @SequenceNumber long sequence) {
        update("wallet_status = ?", event.walletId(), event.at(), sequence, event.to().name());
    }

    @EventHandler
    void on(WhitelistAddressAdded event, @SequenceNumber long sequence) {
        update("whitelist = array_append(whitelist, ?)", event.walletId(), event.at(), sequence,
                event.address().canonical());
    }

    @EventHandler
    void on(WhitelistAddressRemoved event, @SequenceNumber long sequence) {
        update("whitelist = array_remove(whitelist, ?)", event.walletId(), event.at(), sequence,
                event.address().canonical());
    }

    @EventHandler
    void on(ContractAllowed event, @SequenceNumber long sequence) {
        var entry = JSON.createObjectNode();
        entry.put("label", event.label());
        var functions = entry.putArray("functions");
        event.functions().forEach(functions::add);
        entry.put("minApprovals", event.minApprovals());
        update("allowed_contracts = allowed_contracts || jsonb_build_object(?::text, ?::jsonb)", event.walletId(),
                event.at(), sequence, event.contract().canonical(), JSON.writeValueAsString(entry));
    }

    @EventHandler
    void on(ContractDisallowed event, @SequenceNumber long sequence) {
        update("allowed_contracts = allowed_contracts - ?::text", event.walletId(), event.at(), sequence,
                event.contract().canonical());
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    @EventHandler
    void on(SignerAdded event, @SequenceNumber long sequence) {
        update("signers = array_append(signers, ?)", event.walletId(), event.at(), sequence, event.signer().value());
    }

    @EventHandler
    void on(SignerRemoved event, @SequenceNumber long sequence) {
        // stored spelling may differ in letter case from the event's; addresses compare case-insensitively
        update("signers = ARRAY(SELECT s FROM unnest(signers) AS s WHERE lower(s) <> lower(?))", event.walletId(),
                event.at(), sequence, event.signer().value());
    }

    @EventHandler
    void on(ThresholdChanged event, @SequenceNumber long sequence) {
        update("threshold = ?", event.walletId(), event.at(), sequence, event.to().value());
    }

    @EventHandler
    void on(WithdrawalLimitsSet event, @SequenceNumber long sequence) {
        UUID wallet = event.walletId().value();
        // the limits row and the version move together, so the version guard protects both
        if (update("", event.walletId(), event.at(), sequence) == 0) {
            return;
        }
        if (event.limits().single() == null && event.limits().daily() == null && event.limits().weekly() == null) {
            jdbc.update("DELETE FROM wallet_token_limits WHERE wallet_id = ? AND token = ?", wallet,
                    event.token().value());
            return;
        }
        jdbc.update("""
                        INSERT INTO wallet_token_limits (wallet_id, token, organisation_id, single, daily, weekly)
                        SELECT wallet_id, ?, organisation_id, ?, ?, ? FROM wallet_view WHERE wallet_id = ?
                        ON CONFLICT (wallet_id, token) DO UPDATE
                        SET single = EXCLUDED.single, daily = EXCLUDED.daily, weekly = EXCLUDED.weekly""",
                event.token().value(), decimal(event.limits().single()), decimal(event.limits().daily()),
                decimal(event.limits().weekly()), wallet);
    }

    /**
     * Any other event of the wallet's own stream (balance events, events added later) still moves the version, so
     * that {@code version} is the wallet's aggregate version and not the version of the last event this model shows.
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (!EventCatalog.Stream.WALLET.aggregateType().equals(message.getType())) {
            return;
        }
        jdbc.update("UPDATE wallet_view SET version = ? WHERE wallet_id = ?::uuid AND version < ?",
                message.getSequenceNumber(), message.getAggregateIdentifier(), message.getSequenceNumber());
    }

    /**
     * Applies {@code assignment} (may be empty) with its {@code values}, unless the row already reflects this event;
     * answers the number of rows changed.
     */
    private int update(String assignment, WalletId walletId, Instant at, long sequence, Object... values) {
        String sql = "UPDATE wallet_view SET " + (assignment.isEmpty() ? "" : assignment + ", ")
                + "updated_at = ?, version = ? WHERE wallet_id = ? AND version < ?";
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = Timestamp.from(at);
        args[values.length + 1] = sequence;
        args[values.length + 2] = walletId.value();
        args[values.length + 3] = sequence;
        return jdbc.update(sql, args);
    }

    static BigDecimal decimal(Amount amount) {
        return amount == null ? null : new BigDecimal(amount.value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM wallet_token_limits");
        jdbc.update("DELETE FROM wallet_view");
    }
}
